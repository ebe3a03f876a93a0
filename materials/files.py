"""A material's files as `/files/material/<id>/`: the current version of a published material is public."""
from __future__ import annotations

from workflows.files import StoredFile

from .models import Material, MaterialFile


def material_file(pk: int) -> StoredFile | None:
    stored = MaterialFile.objects.select_related("material").filter(pk=pk).first()
    if stored is None:
        return None
    material = stored.material
    # The bank shows the current version of a published material to everyone; earlier ones stay in the case.
    public = material.status == Material.Status.PUBLISHED and stored.version == material.version
    return StoredFile(material, stored.file, stored.name, public)

