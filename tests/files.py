"""Minimal real contents of the file types a case accepts, since uploads are checked by content."""
import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def pdf_bytes(size: int = 100) -> bytes:
    """A one-page PDF skeleton, padded with a comment to about `size` bytes."""
    body = b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n"
    return body + b"%" + b"0" * max(size - len(body) - 30, 0) + b"\ntrailer <</Root 1 0 R>>\n%%EOF\n"


def _archive(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


CONTENT_TYPES = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'


def docx_bytes() -> bytes:
    return _archive({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": b"<w:document/>"})


def pptx_bytes() -> bytes:
    return _archive({"[Content_Types].xml": CONTENT_TYPES, "ppt/presentation.xml": b"<p:presentation/>"})


def xlsx_bytes() -> bytes:
    return _archive({"[Content_Types].xml": CONTENT_TYPES, "xl/workbook.xml": b"<workbook/>"})


def odt_bytes() -> bytes:
    return _archive({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office/>"})


def zip_bytes() -> bytes:
    return _archive({"урок-1.pdf": pdf_bytes(), "заметки.txt": "Ход урока".encode()})


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def pdf(name: str = "разработка.pdf", size: int = 100) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(size))
