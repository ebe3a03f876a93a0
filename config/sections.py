"""What each app contributes to the site and the API, collected from its AppConfig.

An app declares, as attributes of its AppConfig (all optional):
    site_sections  dotted paths of Viewflow `Application`s: the app's sections of the menu, in order;
    urls           a module whose `urlpatterns` are served from the site's root (public pages, files);
    api_routes     (prefix, dotted path of a DRF viewset, basename) triples for the API's router;
    api_urls       a module whose `urlpatterns` are served under /api/.
The order of INSTALLED_APPS is the order of the menu. Nothing here names an app.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.apps import apps
from django.utils.module_loading import import_string


def declared(attribute: str) -> Iterator[Any]:
    for app_config in apps.get_app_configs():
        value = getattr(app_config, attribute, None)
        if value is None:
            continue
        if isinstance(value, str):
            yield value
        else:
            yield from value


def site_sections() -> list:
    return [import_string(dotted)() for dotted in declared("site_sections")]


def api_routes() -> list[tuple[str, type, str]]:
    return [(prefix, import_string(viewset), basename) for prefix, viewset, basename in declared("api_routes")]
