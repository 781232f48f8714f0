"""Writes of framework versions: the numbered snapshots of the library that requirements and
ratings record.
"""

from __future__ import annotations

from django.db import transaction

from capabilities.error_codes import NO_CHANGES
from capabilities.models import (
    Capability,
    FrameworkVersion,
)
from capabilities.services.library import capability_state
from capabilities.services.scales import scale_ensure, scale_state
from plms.audit.services import audit_record
from plms.common.errors import ApplicationError
from plms.tenancy.actors import Actor

# --- Framework versions ----------------------------------------------------------------------


def framework_snapshot() -> dict:
    """The library and scale as published: capabilities by key with their levels."""
    scale = scale_ensure()
    capabilities = (
        Capability.objects.select_related("category", "data_steward")
        .prefetch_related("levels")
        .order_by("key")
    )
    return {
        "scale": scale_state(scale),
        "capabilities": {c.key: capability_state(c, c.levels.all()) for c in capabilities},
    }


@transaction.atomic
def framework_publish(*, actor: Actor, note: str = "") -> FrameworkVersion:
    """Publish the current library as the next version; refused when nothing changed."""
    actor.require_admin()
    latest = FrameworkVersion.objects.select_for_update().order_by("-number").first()
    snapshot = framework_snapshot()
    if latest is not None and latest.snapshot == snapshot:
        raise ApplicationError(
            NO_CHANGES, f"Nothing changed since version {latest.number} was published."
        )
    version = FrameworkVersion.objects.create(
        number=(latest.number if latest else 0) + 1,
        note=note.strip()[:300],
        snapshot=snapshot,
        published_by=actor.user,
        published_by_label=actor.label,
    )
    audit_record(
        actor=actor,
        action="framework_version.published",
        obj=version,
        changes={"number": version.number, "note": version.note},
    )
    return version


def framework_version_current() -> FrameworkVersion | None:
    """The version in force: the latest published one (None before the first publication),
    without its snapshot (the whole framework, hundreds of kilobytes) unless it is read."""
    return FrameworkVersion.objects.defer("snapshot").order_by("-number").first()
