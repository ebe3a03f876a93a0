"""The API's JSON parser: DRF's, with the size and the nesting of a body limited and its errors in the person's
language.

A body nested a thousand levels deep makes Python's JSON decoder raise `RecursionError`, which DRF does
not catch (a 500 on every JSON endpoint, the token endpoint included); nesting a few hundred levels
parses, and then every serializer walking it recurses. No request of this API nests more than a handful
of levels, so anything deeper than `MAX_DEPTH` is refused with 400 before a serializer sees it.
"""
from __future__ import annotations

import codecs
from json import JSONDecodeError

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser, get_encoding
from rest_framework.utils import json

MAX_DEPTH = 32


class LimitedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        refuse_too_large((parser_context or {}).get("request"))
        encoding = get_encoding(parser_context or {})
        parse_constant = json.strict_constant if self.strict else None
        try:
            data = json.load(codecs.getreader(encoding)(stream), parse_constant=parse_constant)
        except RecursionError as error:
            raise ParseError(too_deep()) from error
        except JSONDecodeError as error:
            raise ParseError(_("The request body is not valid JSON (line %(line)d, column %(column)d).") % {
                "line": error.lineno, "column": error.colno}) from error
        except ValueError as error:  # a body that is not text in its encoding
            raise ParseError(_("The request body is not valid JSON.")) from error
        if depth_exceeds(data, MAX_DEPTH):
            raise ParseError(too_deep())
        return data


def refuse_too_large(request) -> None:
    """A body over DATA_UPLOAD_MAX_MEMORY_SIZE is refused (413) before it is read: DRF reads a JSON body from
    the stream, where Django's limit on `request.body` does not apply."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0) if request is not None else 0
    except ValueError:
        length = 0
    if limit is not None and length > limit:
        raise RequestDataTooBig(_("The request body is too large."))


def too_deep() -> str:
    return _("The request body is nested too deeply (more than %(depth)d levels).") % {"depth": MAX_DEPTH}


def depth_exceeds(data, limit: int) -> bool:
    """Whether lists and objects nest deeper than `limit`; walked without recursion."""
    pending = [(data, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, dict):
            value = list(value.values())
        elif not isinstance(value, list):
            continue
        if depth > limit:
            return True
        pending.extend((item, depth + 1) for item in value if isinstance(item, (dict, list)))
    return False
