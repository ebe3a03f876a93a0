"""The expertise of a methodical material, declared once for the shared machinery (`workflows.types`)."""
from django.utils.translation import gettext_lazy as _

from workflows.types import CaseType

from .api import MATERIAL_API
from .chains import DEFAULT_CHAIN
from .files import material_file
from .flows import MaterialFlow
from .models import Material, MaterialFile

MATERIAL = CaseType(
    key="material",
    title=_("expertise of methodical materials"),
    flow=MaterialFlow,
    default_chain=DEFAULT_CHAIN,
    closed_statuses=(Material.Status.PUBLISHED, Material.Status.REJECTED),
    api=MATERIAL_API,
    file_kinds={"material": (MaterialFile, material_file)},
)
