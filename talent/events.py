"""The talent app's domain events: a successor joins or leaves a slate, a person joins or leaves
a talent pool, calibration settles a person's potential.

Slates, pools and potential are confidential, so their events carry public ids and times only
(never a readiness, a potential level or a name): a receiver reads the rest through the API,
where every read is audited. None names a subject: nothing in Momentum starts for the person
because they were put on a slate or in a pool.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plms.events.bus import DomainEvent
from talent.models import PotentialAssessment, Successor, TalentPool, TalentPoolMember


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
