"""Writes of the browser shell: counting dashboard views for the adoption figures."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from plms.web.models import MemberActivity


def member_activity_record(*, user, day: date | None = None) -> None:
    """Count one dashboard view of `user` today (in the active time zone): one row per member
    per day, upserted. One query once the day's row exists, two or three the first time."""
    day = day or timezone.localdate()
    now = timezone.now()
    changes = {"dashboard_views": F("dashboard_views") + 1, "last_seen_at": now}
    if MemberActivity.objects.filter(user=user, day=day).update(**changes):
        return
    try:
        with transaction.atomic():
            MemberActivity.objects.create(user=user, day=day, dashboard_views=1, last_seen_at=now)
    except IntegrityError:  # a concurrent first view of the day created it
        MemberActivity.objects.filter(user=user, day=day).update(**changes)
