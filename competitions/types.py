"""The competition entry, declared once for the shared machinery (`workflows.types`)."""
from workflows.files import StoredFile
from workflows.types import CaseType

from .chains import DEFAULT_CHAIN
from .entries_api import ENTRY_API
from .flows import EntryFlow
from .models import Entry, EntryMaterial


def entry_material(pk: int) -> StoredFile | None:
    """A contestant's material, for whoever may see the entry."""
    stored = EntryMaterial.objects.select_related("entry").filter(pk=pk).first()
    return None if stored is None else StoredFile(stored.entry, stored.file, stored.name)


COMPETITION_ENTRY = CaseType(
    key="competition_entry",
    model=Entry,
    flow=EntryFlow,
    default_chain=DEFAULT_CHAIN,
    api=ENTRY_API,
    closed_statuses=(Entry.Status.FINISHED, Entry.Status.ELIMINATED, Entry.Status.REFUSED, Entry.Status.WITHDRAWN),
    file_kinds={"competition_entry": (EntryMaterial, entry_material)},
    list_url_name="competitions:entries",
)
