"""A material's files: as `/files/material/<id>/` for whoever may see the case (the current version of a
published material for everyone), and as the bank's `/bank/<practice>/files/<id>/`, for published
practices only."""
from __future__ import annotations

from workflows.files import StoredFile

from .models import Material, MaterialFile


def is_public(stored: MaterialFile) -> bool:
    # The bank shows the current version of a published material to everyone; earlier ones stay in the case.
    material = stored.material
    return material.status == Material.Status.PUBLISHED and stored.version == material.version


def material_file(pk: int) -> StoredFile | None:
    stored = MaterialFile.objects.select_related("material").filter(pk=pk).first()
    if stored is None:
        return None
    return StoredFile(stored.material, stored.file, stored.name, is_public(stored))


def practice_file(practice_pk: int, pk: int) -> StoredFile | None:
    """A file of the bank's practice `practice_pk`, or None when the material is not published, the file is
    of an earlier version or of another material: the bank answers all of these alike, whoever asks."""
    stored = MaterialFile.objects.select_related("material").filter(pk=pk, material_id=practice_pk).first()
    if stored is None or not is_public(stored):
        return None
    return StoredFile(stored.material, stored.file, stored.name, public=True)
