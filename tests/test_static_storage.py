"""The production static files storage: strict with our files, lenient with a package's dangling names."""
from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage

from config import storage as static_storage


def collect(tmp_path: Path, css: str) -> list:
    """Post-process one stylesheet from a source folder, as collectstatic does; return what it yields."""
    source = tmp_path / "source"
    (source / "lib").mkdir(parents=True)
    (source / "lib" / "style.css").write_text(css)
    (source / "lib" / "present.png").write_bytes(b"\x89PNG")
    target = static_storage.ManifestStaticFilesStorage(location=tmp_path / "root", base_url="/static/")
    files = FileSystemStorage(location=source)
    for name in ("lib/style.css", "lib/present.png"):
        with files.open(name) as content:
            target.save(name, content)
    return list(target.post_process({name: (files, name) for name in ("lib/style.css", "lib/present.png")}))


def errors(results: list) -> list[Exception]:
    return [processed for _name, _hashed, processed in results if isinstance(processed, Exception)]


CSS = "a { background: url(present.png) } b { background: url(missing.png) }"


def test_a_packages_stylesheet_naming_a_file_it_does_not_ship_is_collected_with_the_name_unhashed(
        tmp_path, monkeypatch):
    monkeypatch.setattr(static_storage, "INSTALLED_PACKAGES", ((tmp_path / "source").resolve(),))

    results = collect(tmp_path, CSS)

    assert errors(results) == []
    hashed = next(hashed for name, hashed, _ in results if name == "lib/style.css")
    written = (tmp_path / "root" / hashed).read_text()
    assert "url(missing.png)" in written
    assert "url(present.png)" not in written  # the file that exists is named by its hash


def test_our_own_stylesheet_naming_a_missing_file_still_fails_the_build(tmp_path, monkeypatch):
    monkeypatch.setattr(static_storage, "INSTALLED_PACKAGES", ())

    results = collect(tmp_path, CSS)

    assert len(errors(results)) == 1 and "missing.png" in str(errors(results)[0])
