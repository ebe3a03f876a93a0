"""What a case accepts as an attached file: allowed types, checked by content, and a size limit.

A file is judged by what it is, not by what it is called: HTML renamed `fake.pdf` would otherwise be
kept and handed to the next reader, who opens it in a browser. Each allowed extension names the
signature its content must carry (the first bytes, and for archives a readable ZIP with the parts the
format requires), and a name that hides a web page or a program behind a second extension
(`evil.html.pdf`) is refused outright.
"""
from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

HEAD_SIZE = 8192  # enough for every signature and for judging a text file
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Microsoft Office 97–2003 compound document
# Inner extensions that turn a name into something a browser or a desktop would run.
HIDDEN_TYPES = {".htm", ".html", ".xhtml", ".shtml", ".svg", ".xml", ".js", ".mjs", ".hta", ".php", ".phtml",
                ".asp", ".aspx", ".jsp", ".cgi", ".pl", ".py", ".sh", ".bat", ".cmd", ".com", ".exe", ".scr",
                ".msi", ".dll", ".jar", ".vbs", ".ps1", ".lnk"}
MARKUP_START = re.compile(r"<[a-z!?/]", re.IGNORECASE)  # a tag, a doctype or a processing instruction


def _zip_members(upload) -> list[str] | None:
    """The member names of a readable ZIP archive, or None for anything else."""
    try:
        with zipfile.ZipFile(upload) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        return None


def _zip_member(upload, name: str) -> bytes | None:
    try:
        with zipfile.ZipFile(upload) as archive:
            with archive.open(name) as member:
                return member.read(200)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, KeyError):
        return None


def _office_open_xml(part: str) -> Callable[[bytes, object], bool]:
    """DOCX, PPTX, XLSX: a ZIP with the content-types manifest and the document's own folder."""
    def check(head: bytes, upload) -> bool:
        if not head.startswith(b"PK\x03\x04"):
            return False
        members = _zip_members(upload)
        return members is not None and "[Content_Types].xml" in members and any(
            member.startswith(part) for member in members)
    return check


def _open_document(mimetype: str) -> Callable[[bytes, object], bool]:
    """ODT, ODS, ODP: a ZIP whose `mimetype` member names the document's type."""
    def check(head: bytes, upload) -> bool:
        if not head.startswith(b"PK\x03\x04"):
            return False
        content = _zip_member(upload, "mimetype")
        return content is not None and content.strip() == mimetype.encode()
    return check


def _zip(head: bytes, upload) -> bool:
    return head.startswith((b"PK\x03\x04", b"PK\x05\x06")) and _zip_members(upload) is not None


def _text(head: bytes, upload) -> bool:
    """Plain text in UTF-8, not a web page: no NUL byte and no markup where a browser would sniff it."""
    if b"\x00" in head:
        return False
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as error:
        # The head may cut a multi-byte character in two; only an error inside it is a real one.
        if error.start < len(head) - 3 or len(head) < HEAD_SIZE:
            return False
        text = head[:error.start].decode("utf-8")
    return not MARKUP_START.match(text.lstrip("\ufeff \t\r\n"))


def _starts_with(*signatures: bytes) -> Callable[[bytes, object], bool]:
    return lambda head, upload: head.startswith(signatures)


@dataclass(frozen=True)
class FileType:
    kind: object  # what the content must be, to complete "the file's content is not …"
    matches: Callable[[bytes, object], bool]


_PDF = FileType(pgettext_lazy("the file's content is not", "a PDF document"), _starts_with(b"%PDF-"))
_OLE = FileType(pgettext_lazy("the file's content is not", "a Microsoft Office 97–2003 document"),
                _starts_with(OLE2))
_JPEG = FileType(pgettext_lazy("the file's content is not", "a JPEG image"), _starts_with(b"\xff\xd8\xff"))

FILE_TYPES: dict[str, FileType] = {
    ".pdf": _PDF,
    ".doc": _OLE,
    ".xls": _OLE,
    ".ppt": _OLE,
    ".docx": FileType(pgettext_lazy("the file's content is not", "a Word document (DOCX)"),
                      _office_open_xml("word/")),
    ".pptx": FileType(pgettext_lazy("the file's content is not", "a PowerPoint presentation (PPTX)"),
                      _office_open_xml("ppt/")),
    ".xlsx": FileType(pgettext_lazy("the file's content is not", "an Excel workbook (XLSX)"),
                      _office_open_xml("xl/")),
    ".odt": FileType(pgettext_lazy("the file's content is not", "an OpenDocument text (ODT)"),
                     _open_document("application/vnd.oasis.opendocument.text")),
    ".ods": FileType(pgettext_lazy("the file's content is not", "an OpenDocument spreadsheet (ODS)"),
                     _open_document("application/vnd.oasis.opendocument.spreadsheet")),
    ".odp": FileType(pgettext_lazy("the file's content is not", "an OpenDocument presentation (ODP)"),
                     _open_document("application/vnd.oasis.opendocument.presentation")),
    ".rtf": FileType(pgettext_lazy("the file's content is not", "an RTF document"), _starts_with(b"{\\rtf")),
    ".txt": FileType(pgettext_lazy("the file's content is not", "plain text in UTF-8"), _text),
    ".jpg": _JPEG,
    ".jpeg": _JPEG,
    ".png": FileType(pgettext_lazy("the file's content is not", "a PNG image"),
                     _starts_with(b"\x89PNG\r\n\x1a\n")),
    ".zip": FileType(pgettext_lazy("the file's content is not", "a ZIP archive"), _zip),
}
ALLOWED_EXTENSIONS = set(FILE_TYPES)


def validate_upload(upload) -> None:
    """Refuse a file of a type not accepted, too large, hiding another type in its name, or whose content
    is not what its extension says. Reads the first bytes (and an archive's directory), then rewinds."""
    limit = settings.MAX_UPLOAD_SIZE
    name = PurePath(upload.name or "").name
    extension = PurePath(name).suffix.lower()
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            _("Files of type %(ext)s are not accepted. Allowed: %(allowed)s.")
            % {"ext": extension or "?", "allowed": ", ".join(sorted(ALLOWED_EXTENSIONS))}
        )
    hidden = [suffix for suffix in (s.lower() for s in PurePath(name).suffixes[:-1]) if suffix in HIDDEN_TYPES]
    if hidden:
        raise ValidationError(
            _("The file name %(name)s hides a file of type %(hidden)s behind %(ext)s; such files are not accepted.")
            % {"name": name, "hidden": hidden[0], "ext": extension}
        )
    if upload.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
        )
    file_type = FILE_TYPES[extension]
    try:
        upload.seek(0)
        head = upload.read(HEAD_SIZE)
        upload.seek(0)
        matches = file_type.matches(head, upload)
    finally:
        upload.seek(0)
    if not matches:
        raise ValidationError(
            _("The file's content is not %(kind)s, though its name ends in %(ext)s; the file may have been "
              "renamed. Attach the document itself.") % {"kind": file_type.kind, "ext": extension}
        )
