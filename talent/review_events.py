"""The talent review's domain event: an action recorded in a meeting's decision log, which
Momentum follows up until it is done. Recorded in the log itself, read through its feed."""

from __future__ import annotations

from datetime import UTC, datetime

from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from plms.events.bus import DomainEvent, Occurrence
from talent.models import TalentReviewEntry

ACTION_KEY = "talent-action:"  # the occurrence of an action: "talent-action:<entry uuid>"


def _micros(moment: datetime) -> int:
    return int(moment.timestamp() * 1_000_000)


class ActionFeed:
    """Actions in the order they were recorded; the cursor is the recording time in
    microseconds since the epoch. The occurrence concerns the action's owner."""

    def start(self) -> int:
        last = TalentReviewEntry.objects.filter(kind=TalentReviewEntry.Kind.ACTION).aggregate(
            last=Max("created_at")
        )["last"]
        return _micros(last) if last is not None else 0

    def read(self, *, after: int, limit: int) -> tuple[list[Occurrence], int]:
        since = datetime.fromtimestamp(after / 1_000_000, tz=UTC)
        actions = list(
            TalentReviewEntry.objects.filter(
                kind=TalentReviewEntry.Kind.ACTION, created_at__gt=since
            )
            .only("id", "uuid", "owner_id", "created_at")
            .order_by("created_at", "id")[:limit]
        )
        found = [
            Occurrence(
                _micros(action.created_at),
                f"{ACTION_KEY}{action.uuid}",
                action.created_at,
                employee_id=action.owner_id,
            )
            for action in actions
        ]
        return found, (found[-1].cursor if found else after)


class TalentReviewActionRecorded(DomainEvent):
    """A talent review recorded an action with an owner and a due date: its owner is to be
    reminded, and their manager (or HR) told when it is overdue."""

    name = "talent_review_action_recorded"
    label = _("A talent review recorded an action.")
    feed = ActionFeed()
