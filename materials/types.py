"""The expertise of a methodical material, declared once for the shared machinery (`workflows.types`)."""
from workflows.types import CaseType

from .api import MATERIAL_API
from .chains import DEFAULT_CHAIN
from .files import material_file
from .flows import MaterialFlow
from .models import Material, MaterialFile

MATERIAL = CaseType(
    key="material",
    model=Material,
    flow=MaterialFlow,
    default_chain=DEFAULT_CHAIN,
    closed_statuses=(Material.Status.PUBLISHED, Material.Status.REJECTED),
    api=MATERIAL_API,
    file_kinds={"material": (MaterialFile, material_file)},
)
