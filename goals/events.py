"""The goals app's domain events: a goal's status changes, a goal turns red.

A goal turning red is recorded by the goals app itself (`GoalRedEpisode`, which also measures
the decision latency), so the event is read from that record rather than the outbox.
"""

from __future__ import annotations

from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from goals.models import Goal, GoalRedEpisode
from plms.events.bus import DomainEvent, Occurrence


class GoalStatusChanged(DomainEvent):
    """A goal was activated, completed or cancelled; a department's goal concerns no one
    employee."""

    name = "goal_status_changed"
    label = _("A goal's status changed.")
    webhook_type = "goal.status_changed"

    @classmethod
    def of(cls, goal: Goal, *, previous: str) -> GoalStatusChanged:
        owner = goal.owner_employee
        department = goal.owner_department
        return cls(
            subject=str(owner.uuid) if owner is not None else None,
            data={
                "id": str(goal.uuid),
                "title": goal.title,
                "owner_employee": str(owner.uuid) if owner is not None else None,
                "owner_department": str(department.uuid) if department is not None else None,
                "previous_status": previous,
                "status": goal.status,
                "changed_at": goal.updated_at,
            },
        )


class RedEpisodeFeed:
    """Red episodes in the order they began; episodes of goals without an owner concern
    nobody."""

    def start(self) -> int:
        return GoalRedEpisode.objects.aggregate(last=Max("id"))["last"] or 0

    def read(self, *, after: int, limit: int) -> tuple[list[Occurrence], int]:
        episodes = list(
            GoalRedEpisode.objects.filter(id__gt=after)
            .select_related("goal")
            .order_by("id")[:limit]
        )
        found = [
            Occurrence(
                e.pk, f"goal-red:{e.uuid}", e.turned_red_at, employee_id=e.goal.owner_employee_id
            )
            for e in episodes
            if e.goal.owner_employee_id is not None
        ]
        return found, (episodes[-1].id if episodes else after)


class GoalTurnedRed(DomainEvent):
    name = "goal_turned_red"
    label = _("A goal turned red.")
    feed = RedEpisodeFeed()
