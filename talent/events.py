"""The talent app's domain events: a successor joins or leaves a slate, a person joins or leaves
a talent pool, calibration settles a person's potential; a talent review records an action
(read from its decision log by Momentum, never published).

Slates, pools and potential are confidential, so their events carry public ids and times only
(never a readiness, a potential level or a name): a receiver reads the rest through the API,
where every read is audited. None of those names a subject: nothing in Momentum starts for the
person because they were put on a slate or in a pool. A review's action concerns its owner, whom
Momentum reminds.
"""

from __future__ import annotations

from datetime import UTC, datetime

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plms.events.bus import DomainEvent, Occurrence
from talent.models import (
    PotentialAssessment,
    Successor,
    TalentPool,
    TalentPoolMember,
    TalentReviewEntry,
)


def _successor_data(successor: Successor) -> dict:
    return {
        "id": str(successor.uuid),
        "critical_role": str(successor.critical_role.uuid),
        "role": str(successor.critical_role.role.uuid),
        "employee": str(successor.employee.uuid),
    }


class SuccessorNominated(DomainEvent):
    name = "successor_nominated"
    label = _("A successor was put on a critical role's slate.")
    webhook_type = "successor.nominated"

    @classmethod
    def of(cls, successor: Successor) -> SuccessorNominated:
        return cls(data={**_successor_data(successor), "nominated_at": successor.created_at})


class SuccessorRemoved(DomainEvent):
    name = "successor_removed"
    label = _("A successor was taken off a critical role's slate.")
    webhook_type = "successor.removed"

    @classmethod
    def of(cls, successor: Successor) -> SuccessorRemoved:
        return cls(data={**_successor_data(successor), "removed_at": timezone.now()})


class TalentPoolMemberAdded(DomainEvent):
    name = "talent_pool_member_added"
    label = _("A person was confirmed in a talent pool.")
    webhook_type = "talent_pool.member_added"

    @classmethod
    def of(cls, member: TalentPoolMember) -> TalentPoolMemberAdded:
        return cls(
            data={
                "id": str(member.uuid),
                "pool": str(member.pool.uuid),
                "employee": str(member.employee.uuid),
                "added_at": member.created_at,
            }
        )


class TalentPoolMemberRemoved(DomainEvent):
    name = "talent_pool_member_removed"
    label = _("A person was removed from a talent pool.")
    webhook_type = "talent_pool.member_removed"

    @classmethod
    def of(cls, member: TalentPoolMember, *, pool: TalentPool) -> TalentPoolMemberRemoved:
        return cls(
            data={
                "id": str(member.uuid),
                "pool": str(pool.uuid),
                "employee": str(member.employee.uuid),
                "removed_at": timezone.now(),
            }
        )


class PotentialAssessmentCalibrated(DomainEvent):
    name = "potential_assessment_calibrated"
    label = _("Calibration settled a person's potential.")
    webhook_type = "potential_assessment.calibrated"

    @classmethod
    def of(cls, assessment: PotentialAssessment) -> PotentialAssessmentCalibrated:
        return cls(
            data={
                "id": str(assessment.uuid),
                "employee": str(assessment.employee.uuid),
                "cycle": str(assessment.cycle.uuid) if assessment.cycle is not None else None,
                "calibrated_at": timezone.now(),
            }
        )


# --- Talent reviews: an action to follow up -----------------------------------------------------

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
