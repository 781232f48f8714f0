"""HTTP conditional requests on the API's objects, alongside the body `version`.

- `GET /…/{id}/` answers with a strong `ETag`: a digest of the representation it returns, so
  it changes whenever anything the client sees changes.
- `PUT`, `PATCH` and `DELETE` honour `If-Match`: when none of the listed tags (or `*`) is the
  object's current tag the request is refused with `412 precondition_failed` and nothing is
  written; a conditional write that succeeds answers with the new `ETag`.

Conditional writes on one object are serialised by a transaction-level advisory lock taken
before the comparison, so two writers holding the same tag get one success and one 412, never
two successes. A write without `If-Match` is not conditional (the body `version`, where a
resource has one, still guards it).
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Mapping

from django.db import connection
from django.http import Http404
from drf_spectacular.openapi import AutoSchema
from rest_framework import exceptions
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import JSONRenderer

from plms.common.error_codes import PRECONDITION_FAILED
from plms.common.errors import ApplicationError

TAGGED_ACTIONS = frozenset({"retrieve"})
CONDITIONAL_ACTIONS = frozenset({"update", "partial_update", "destroy"})


class PreconditionFailed(ApplicationError):
    status = 412

    def __init__(self) -> None:
        super().__init__(
            PRECONDITION_FAILED,
            "The object changed since you read it (If-Match does not match its ETag). "
            "Read it again and retry.",
        )


def etag_for(data) -> str:
    """A strong entity tag for a representation (the JSON the API renders for it)."""
    return '"' + hashlib.sha256(JSONRenderer().render(data)).hexdigest()[:32] + '"'


def if_match_satisfied(header: str, etag: str) -> bool:
    """RFC 9110 If-Match: `*`, or the strong comparison with any listed tag."""
    tags = [tag.strip() for tag in header.split(",")]
    return "*" in tags or etag in tags


class ConditionalRequestsMixin:
    """For viewsets with a `retrieve` action; its representation is what the tag covers."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.conditional_write = False
        header = request.headers.get("If-Match")
        if not header or self.action not in CONDITIONAL_ACTIONS or not hasattr(self, "retrieve"):
            return
        # A body that cannot be parsed is a 400 whatever the precondition says.
        request.data  # noqa: B018 - parses the body, raising ParseError
        # So is a body that is not a JSON object (a write's body always is one).
        if request.method in ("PUT", "PATCH") and not isinstance(request.data, Mapping):
            raise ValidationError({"non_field_errors": ["Send a JSON object."]})
        self._lock_for_conditional_write(request.path)
        if not if_match_satisfied(header, self._current_etag(request, *args, **kwargs)):
            raise PreconditionFailed()
        self.conditional_write = True

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if not 200 <= response.status_code < 300 or getattr(response, "data", None) is None:
            return response
        action = getattr(self, "action", None)
        if action in TAGGED_ACTIONS and request.method in ("GET", "HEAD"):
            response["ETag"] = etag_for(response.data)
        elif action in CONDITIONAL_ACTIONS and getattr(self, "conditional_write", False):
            # A write that made the object invisible leaves nothing to tag.
            with contextlib.suppress(Http404, exceptions.NotFound, ApplicationError):
                response["ETag"] = self._current_etag(request, *args, **kwargs)
        return response

    def _current_etag(self, request, *args, **kwargs) -> str:
        """The tag a GET of this object would answer with now."""
        action = self.action
        self.action = "retrieve"
        try:
            return etag_for(self.retrieve(request, *args, **kwargs).data)
        finally:
            self.action = action

    @staticmethod
    def _lock_for_conditional_write(path: str) -> None:
        if connection.vendor != "postgresql" or not connection.in_atomic_block:
            return
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"if-match:{path}"])


_ETAG_HEADER = {
    "ETag": {
        "description": "Entity tag of the object's representation; send it back in `If-Match`.",
        "schema": {"type": "string"},
    }
}
_IF_MATCH = {
    "in": "header",
    "name": "If-Match",
    "required": False,
    "schema": {"type": "string"},
    "description": (
        "The object's `ETag` from a GET (or `*`); when it no longer matches, nothing is "
        "written and the answer is 412."
    ),
}


class ConditionalAutoSchema(AutoSchema):
    """Documents `ETag` on object reads and `If-Match` / 412 on object writes."""

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        action = getattr(self.view, "action", None)
        if operation is None or not isinstance(self.view, ConditionalRequestsMixin):
            return operation
        if not hasattr(self.view, "retrieve"):
            return operation
        responses = operation.get("responses", {})
        if action in TAGGED_ACTIONS:
            if "200" in responses:
                responses["200"].setdefault("headers", {}).update(_ETAG_HEADER)
        elif action in CONDITIONAL_ACTIONS:
            operation.setdefault("parameters", []).append(dict(_IF_MATCH))
            if "200" in responses:
                responses["200"].setdefault("headers", {}).update(_ETAG_HEADER)
            responses["412"] = {
                "description": "`precondition_failed`: If-Match does not match the ETag.",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
            }
        return operation
