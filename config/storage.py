"""Static files storage for production: hashed, compressed names that tolerate a broken third-party CSS.

Viewflow ships `viewflow/fonts/roboto/node_modules/roboto-fontface/css/roboto/roboto-fontface.css`, a copy
of the npm package's stylesheet without the fonts it names (viewflow's pages load the copy one folder up,
next to its fonts). Django's manifest storage refuses such a reference and fails `collectstatic`, and
without a manifest every page answers 500. A reference to a missing file inside an installed package is
left as it was, with a warning; the same mistake in our own files still fails the build.
"""
import logging
import sysconfig
from pathlib import Path
from typing import Any

from whitenoise.storage import CompressedManifestStaticFilesStorage

logger = logging.getLogger(__name__)

# Where pip installs packages (the virtualenv's site-packages), resolved once.
INSTALLED_PACKAGES = tuple(
    {Path(sysconfig.get_paths()[key]).resolve() for key in ("purelib", "platlib")}
)


def installed_by_pip(path: str | Path) -> bool:
    """Whether a file on disk belongs to an installed package rather than to this project."""
    resolved = Path(path).resolve()
    return any(resolved.is_relative_to(root) for root in INSTALLED_PACKAGES)


class ManifestStaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's compressed manifest storage, lenient only with installed packages' dangling references."""

    _source_files: dict[str, tuple[Any, str]] = {}
    _reported: set[tuple[str, str]] = set()

    def post_process(self, paths: dict[str, tuple[Any, str]], *args: Any, **kwargs: Any):
        self._source_files, self._reported = paths, set()
        try:
            yield from super().post_process(paths, *args, **kwargs)
        finally:
            self._source_files = {}

    def url_converter(self, name: str, hashed_files: dict, template: str | None = None):
        convert = super().url_converter(name, hashed_files, template)

        def tolerant_converter(matchobj):
            try:
                return convert(matchobj)
            except ValueError:
                if not self._from_installed_package(name):
                    raise
                url = matchobj.group("url")
                if (name, url) not in self._reported:  # post-processing passes over a file several times
                    self._reported.add((name, url))
                    logger.warning("%s names %s, which its package does not ship; left unhashed.", name, url)
                return matchobj.group("matched")

        return tolerant_converter

    def _from_installed_package(self, name: str) -> bool:
        source = self._source_files.get(name)
        if source is None:
            return False
        storage, path = source
        try:
            return installed_by_pip(storage.path(path))
        except NotImplementedError:  # a storage without local paths: nothing says it is third-party
            return False
