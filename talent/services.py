"""Writes of succession and careers: career paths (HR), aspirations (the person, or HR) and a
development plan towards an aspired role (built by learning's plan builder)."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.text import slugify
from guardian.shortcuts import assign_perm, remove_perm

from assessments.models import AssessmentCycle
from assessments.selectors import cycles as cycle_selectors
from capabilities import selectors as capability_selectors
from capabilities.models import JobRole
from learning.builder import GapInput
from learning.models import DevelopmentPlan
from learning.services.builds import plan_build
from plms.audit.services import audit_record
from plms.common.errors import ApplicationError, PermissionDenied
from plms.events.bus import publish
from plms.people import selectors as people_selectors
from plms.people.models import Employee
from plms.tenancy.actors import Actor, same_organization
from talent import potential, review_selectors, selectors
from talent.error_codes import ALREADY_NAMED, INVALID, SAME_ROLE, TOO_MANY_ASPIRATIONS
from talent.events import PotentialAssessmentCalibrated, SuccessorNominated, SuccessorRemoved
from talent.models import (
    MAX_ASPIRATIONS,
    READ_SUCCESSION,
    Aspiration,
    CareerPath,
    CriticalRole,
    PotentialAssessment,
    PotentialCriterion,
    Successor,
    TalentReview,
)

READ_PERMISSION = f"talent.{READ_SUCCESSION}"

# --- Career paths (HR) --------------------------------------------------------------------------


def _check_months(typical_months: int) -> None:
    if not 1 <= typical_months <= 240:
        raise ApplicationError(
            INVALID,
            "The typical time is between 1 and 240 months.",
            fields={"typical_months": "Between 1 and 240."},
        )


@transaction.atomic
def career_path_create(
    *,
    actor: Actor,
    from_role: JobRole,
    to_role: JobRole,
    typical_months: int = 24,
    note: str = "",
) -> CareerPath:
    actor.require_admin()
    same_organization(actor, from_role, to_role)
    if from_role.pk == to_role.pk:
        raise ApplicationError(
            SAME_ROLE, "A career path leads to another role.", fields={"to_role": "Another role."}
        )
    _check_months(typical_months)
    if CareerPath.objects.filter(from_role=from_role, to_role=to_role).exists():
        raise ApplicationError(
            ALREADY_NAMED,
            f"A path from {from_role} to {to_role} exists already.",
            fields={"to_role": "This path exists already."},
        )
    path = CareerPath.objects.create(
        from_role=from_role, to_role=to_role, typical_months=typical_months, note=note
    )
    audit_record(
        actor=actor,
        action="career_path.created",
        obj=path,
        changes={"from": from_role.name, "to": to_role.name, "typical_months": typical_months},
    )
    return path


@transaction.atomic
def career_path_update(
    *, actor: Actor, path: CareerPath, typical_months: int | None = None, note: str | None = None
) -> CareerPath:
    actor.require_admin()
    same_organization(actor, path)
    changes: dict[str, list] = {}
    if typical_months is not None and typical_months != path.typical_months:
        _check_months(typical_months)
        changes["typical_months"] = [path.typical_months, typical_months]
        path.typical_months = typical_months
    if note is not None and note != path.note:
        changes["note"] = [path.note, note]
        path.note = note
    if changes:
        path.save(update_fields=["typical_months", "note"])
        audit_record(actor=actor, action="career_path.updated", obj=path, changes=changes)
    return path


@transaction.atomic
def career_path_delete(*, actor: Actor, path: CareerPath) -> None:
    actor.require_admin()
    same_organization(actor, path)
    audit_record(actor=actor, action="career_path.deleted", obj=path)
    path.delete()


# --- Aspirations --------------------------------------------------------------------------------


def _check_may_aspire_for(actor: Actor, employee: Employee) -> None:
    """A person names their own aspirations; HR may record them on the person's behalf."""
    same_organization(actor, employee)
    if actor.is_admin:
        return
    if actor.employee is None or actor.employee.pk != employee.pk:
        raise PermissionDenied("People name their own aspirations.")


@transaction.atomic
def aspiration_add(
    *, actor: Actor, employee: Employee, role: JobRole, note: str = ""
) -> Aspiration:
    """Add a role the person aspires to (ranked after their others; three at most)."""
    _check_may_aspire_for(actor, employee)
    same_organization(actor, role)
    # One writer at a time per person, so two tabs cannot add a fourth.
    list(Employee.objects.select_for_update().filter(pk=employee.pk).only("id"))
    mine = Aspiration.objects.filter(employee=employee)
    if mine.filter(role=role).exists():
        raise ApplicationError(
            ALREADY_NAMED, f"{role} is among the aspirations already.", fields={"role": "Chosen."}
        )
    if mine.count() >= MAX_ASPIRATIONS:
        raise ApplicationError(
            TOO_MANY_ASPIRATIONS,
            f"Up to {MAX_ASPIRATIONS} aspired roles: remove one first.",
            fields={"role": f"Up to {MAX_ASPIRATIONS}."},
        )
    current = capability_selectors.current_role_for(employee=employee)
    if current is not None and current.pk == role.pk:
        raise ApplicationError(
            SAME_ROLE, "That is the role held now.", fields={"role": "Choose another role."}
        )
    rank = (mine.aggregate(top=Max("rank"))["top"] or 0) + 1
    try:
        with transaction.atomic():
            aspiration = Aspiration.objects.create(
                employee=employee, role=role, rank=min(rank, MAX_ASPIRATIONS), note=note
            )
    except IntegrityError as error:
        raise ApplicationError(
            ALREADY_NAMED, f"{role} is among the aspirations already."
        ) from error
    audit_record(
        actor=actor,
        action="aspiration.added",
        obj=aspiration,
        changes={"employee": employee.full_name, "role": role.name},
    )
    return aspiration


@transaction.atomic
def aspiration_remove(*, actor: Actor, aspiration: Aspiration) -> None:
    _check_may_aspire_for(actor, aspiration.employee)
    employee = aspiration.employee
    audit_record(
        actor=actor,
        action="aspiration.removed",
        obj=aspiration,
        changes={"employee": employee.full_name, "role": aspiration.role.name},
    )
    aspiration.delete()
    for rank, other in enumerate(
        Aspiration.objects.filter(employee=employee).order_by("rank", "id"), 1
    ):
        if other.rank != rank:
            other.rank = rank
            other.save(update_fields=["rank"])


def aspiration_plan_build(*, actor: Actor, aspiration: Aspiration) -> DevelopmentPlan:
    """A draft development plan towards the aspired role: learning's builder over the gaps to
    that role, each item saying so ("for Team Lead: Coaching 2 → 3")."""
    same_organization(actor, aspiration)
    gaps = [
        GapInput(g.capability_id, g.capability_name, g.target, g.current, g.weight)
        for g in selectors.aspired_role_gaps(aspiration=aspiration)
    ]
    if not any(g.current is not None and g.current < g.target for g in gaps):
        raise ApplicationError(
            INVALID,
            f"No assessed capability is below what {aspiration.role} needs: nothing to plan yet.",
        )
    return plan_build(
        actor=actor, employee=aspiration.employee, gaps=gaps, for_role=aspiration.role.name
    )


# --- Critical roles and successors (HR) ---------------------------------------------------------


def _check_risk(**values: int) -> None:
    wrong = {
        name: "From 1 (low) to 3 (high)." for name, value in values.items() if not 1 <= value <= 3
    }
    if wrong:
        raise ApplicationError(INVALID, "Impact and likelihood go from 1 to 3.", fields=wrong)


@transaction.atomic
def critical_role_mark(
    *,
    actor: Actor,
    role: JobRole,
    incumbent: Employee | None = None,
    impact: int = 2,
    likelihood: int = 2,
    note: str = "",
) -> CriticalRole:
    """Mark a role (or the position a named person holds in it) as critical."""
    actor.require_admin()
    same_organization(actor, role, incumbent)
    _check_risk(impact=impact, likelihood=likelihood)
    if CriticalRole.objects.filter(role=role, incumbent=incumbent).exists():
        raise ApplicationError(
            ALREADY_NAMED, f"{role} is marked critical already.", fields={"role": "Marked already."}
        )
    critical = CriticalRole.objects.create(
        role=role, incumbent=incumbent, impact=impact, likelihood=likelihood, note=note
    )
    audit_record(
        actor=actor,
        action="critical_role.marked",
        obj=critical,
        changes={"impact": impact, "likelihood": likelihood},
    )
    return critical


@transaction.atomic
def critical_role_update(
    *,
    actor: Actor,
    critical_role: CriticalRole,
    impact: int | None = None,
    likelihood: int | None = None,
    note: str | None = None,
) -> CriticalRole:
    actor.require_admin()
    same_organization(actor, critical_role)
    changes: dict[str, list] = {}
    for name, value in (("impact", impact), ("likelihood", likelihood), ("note", note)):
        if value is not None and value != getattr(critical_role, name):
            changes[name] = [getattr(critical_role, name), value]
            setattr(critical_role, name, value)
    _check_risk(impact=critical_role.impact, likelihood=critical_role.likelihood)
    if changes:
        critical_role.save(update_fields=["impact", "likelihood", "note"])
        audit_record(
            actor=actor, action="critical_role.updated", obj=critical_role, changes=changes
        )
    return critical_role


@transaction.atomic
def critical_role_unmark(*, actor: Actor, critical_role: CriticalRole) -> None:
    actor.require_admin()
    same_organization(actor, critical_role)
    audit_record(actor=actor, action="critical_role.unmarked", obj=critical_role)
    successors = critical_role.successors.select_related("critical_role__role", "employee")
    publish(actor_or_organization=actor, events=[SuccessorRemoved.of(s) for s in successors])
    critical_role.delete()


@transaction.atomic
def successor_nominate(
    *,
    actor: Actor,
    critical_role: CriticalRole,
    employee: Employee,
    readiness: str,
    note: str = "",
) -> Successor:
    """HR nominates a successor with their readiness; the evidence is computed on reading."""
    actor.require_admin()
    same_organization(actor, critical_role, employee)
    if readiness not in Successor.Readiness.values:
        raise ApplicationError(INVALID, "Unknown readiness.", fields={"readiness": "Unknown."})
    if critical_role.incumbent == employee:
        raise ApplicationError(
            INVALID, "The incumbent cannot succeed themselves.", fields={"employee": "Incumbent."}
        )
    if Successor.objects.filter(critical_role=critical_role, employee=employee).exists():
        raise ApplicationError(
            ALREADY_NAMED, f"{employee} is on this slate already.", fields={"employee": "On it."}
        )
    successor = Successor.objects.create(
        critical_role=critical_role,
        employee=employee,
        readiness=readiness,
        note=note,
        nominated_by=actor.user,
    )
    # Someone granted the slate who is now on it loses the grant: never one's own slate.
    if employee.user_id is not None:
        remove_perm(READ_PERMISSION, employee.user, critical_role)
    audit_record(
        actor=actor,
        action="successor.nominated",
        obj=successor,
        changes={"employee": employee.full_name, "readiness": readiness},
    )
    publish(actor_or_organization=actor, events=[SuccessorNominated.of(successor)])
    return successor


@transaction.atomic
def successor_update(
    *, actor: Actor, successor: Successor, readiness: str | None = None, note: str | None = None
) -> Successor:
    actor.require_admin()
    same_organization(actor, successor)
    changes: dict[str, list] = {}
    if readiness is not None and readiness != successor.readiness:
        if readiness not in Successor.Readiness.values:
            raise ApplicationError(INVALID, "Unknown readiness.", fields={"readiness": "Unknown."})
        changes["readiness"] = [successor.readiness, readiness]
        successor.readiness = readiness
    if note is not None and note != successor.note:
        changes["note"] = [successor.note, note]
        successor.note = note
    if changes:
        successor.save(update_fields=["readiness", "note"])
        audit_record(actor=actor, action="successor.updated", obj=successor, changes=changes)
    return successor


@transaction.atomic
def successor_remove(*, actor: Actor, successor: Successor) -> None:
    actor.require_admin()
    same_organization(actor, successor)
    audit_record(
        actor=actor,
        action="successor.removed",
        obj=successor,
        changes={"employee": successor.employee.full_name},
    )
    publish(actor_or_organization=actor, events=[SuccessorRemoved.of(successor)])
    successor.delete()


# --- Who reads succession (HR grants) -----------------------------------------------------------


@transaction.atomic
def succession_grant(*, actor: Actor, critical_role: CriticalRole, employee: Employee) -> None:
    """HR lets a person read one critical role's slate (not the incumbent, not a successor)."""
    actor.require_admin()
    same_organization(actor, critical_role, employee)
    if employee.user_id is None:
        raise ApplicationError(
            INVALID, f"{employee} has not joined yet.", fields={"employee": "Not joined."}
        )
    if (
        critical_role.incumbent == employee
        or Successor.objects.filter(critical_role=critical_role, employee=employee).exists()
    ):
        raise ApplicationError(
            INVALID,
            "People never read a slate they are on or the one for their own position.",
            fields={"employee": "On this slate."},
        )
    assign_perm(READ_PERMISSION, employee.user, critical_role)
    audit_record(
        actor=actor,
        action="succession.granted",
        obj=critical_role,
        changes={"reader": employee.full_name},
    )


@transaction.atomic
def succession_revoke(*, actor: Actor, critical_role: CriticalRole, employee: Employee) -> None:
    actor.require_admin()
    same_organization(actor, critical_role, employee)
    if employee.user_id is not None:
        remove_perm(READ_PERMISSION, employee.user, critical_role)
    audit_record(
        actor=actor,
        action="succession.revoked",
        obj=critical_role,
        changes={"reader": employee.full_name},
    )


def confidential_read(*, actor: Actor, obj, what: str, count: int | None = None) -> None:
    """Record a read of successor slates or potential in the audit trail (every read: HR's,
    a grantee's and a key's)."""
    changes: dict[str, object] = {"read": what}
    if count is not None:
        changes["rows"] = count
    audit_record(
        actor=actor,
        action="succession.read" if what != "potential" else "potential.read",
        obj=obj,
        object_label="" if obj is not None else what,
        changes=changes,
    )


# --- Potential ----------------------------------------------------------------------------------


def _check_may_assess_potential(actor: Actor, employee: Employee) -> None:
    """HR admins, and the person's managers (any level up); never the person themselves."""
    same_organization(actor, employee)
    if actor.is_admin:
        return
    if actor.employee is None or not people_selectors.is_manager_of(
        manager=actor.employee, employee=employee
    ):
        raise PermissionDenied("HR and the person's managers assess potential.")


@transaction.atomic
def potential_assess(
    *,
    actor: Actor,
    employee: Employee,
    scores: dict[str, int],
    cycle: AssessmentCycle | None = None,
    note: str = "",
) -> PotentialAssessment:
    """Score each criterion 1-3 (all of them); the level is their rounded mean. Again in the
    same cycle replaces the scores (and clears a calibration)."""
    _check_may_assess_potential(actor, employee)
    same_organization(actor, cycle)
    keys = [criterion.key for criterion in selectors.potential_criteria()]
    problems = {
        key: "Score it from 1 (low) to 3 (high)."
        for key in keys
        if not isinstance(scores.get(key), int) or not 1 <= scores[key] <= 3
    }
    problems.update({key: "Not a criterion." for key in scores if key not in keys})
    if problems:
        raise ApplicationError(INVALID, "Score every criterion from 1 to 3.", fields=problems)
    clean = {key: scores[key] for key in keys}
    level = potential.level_from_scores(clean)
    assessment, created = PotentialAssessment.objects.update_or_create(
        employee=employee,
        cycle=cycle,
        defaults={
            "scores": clean,
            "level": level,
            "calibrated_level": None,
            "calibration_reason": "",
            "assessed_by": actor.user,
            "note": note,
        },
    )
    audit_record(
        actor=actor,
        action="potential.assessed",
        obj=assessment,
        changes={"employee": employee.full_name, "level": level, "new": created},
    )
    return assessment


@transaction.atomic
def potential_calibrate(
    *, actor: Actor, assessment: PotentialAssessment, level: int, reason: str
) -> PotentialAssessment:
    """HR settles the level in calibration, with the reason."""
    actor.require_admin()
    return _calibrate(actor, assessment, level, reason)


def _calibrate(
    actor: Actor, assessment: PotentialAssessment, level: int, reason: str
) -> PotentialAssessment:
    same_organization(actor, assessment)
    if level not in (1, 2, 3):
        raise ApplicationError(INVALID, "Potential is 1 to 3.", fields={"level": "1 to 3."})
    if not reason.strip():
        raise ApplicationError(INVALID, "Say why.", fields={"reason": "Required."})
    before = assessment.effective_level
    assessment.calibrated_level = level
    assessment.calibration_reason = reason.strip()[:300]
    assessment.save(update_fields=["calibrated_level", "calibration_reason"])
    audit_record(
        actor=actor,
        action="potential.calibrated",
        obj=assessment,
        changes={"level": [before, level]},
        reason=reason,
    )
    publish(actor_or_organization=actor, events=[PotentialAssessmentCalibrated.of(assessment)])
    return assessment


@transaction.atomic
def potential_review_calibrate(
    *, actor: Actor, review: TalentReview, employee: Employee, level: int, reason: str
) -> PotentialAssessment:
    """A talent review moved the person to another potential: the person's latest potential
    assessment is calibrated to `level` with the meeting's reason (HR, or the people HR
    granted the review). Someone whose potential only came from the manager's view in a cycle
    gets an assessment recording that view, calibrated at once."""
    same_organization(actor, review, employee)
    if not review_selectors.may_run_review(actor=actor, review=review):
        raise PermissionDenied("HR and the people HR grants the review calibrate in it.")
    assessment = (
        PotentialAssessment.objects.select_for_update()
        .filter(employee=employee)
        .order_by("-created_at", "-id")
        .first()
    )
    if assessment is None:
        cycle = cycle_selectors.latest_closed_cycle()
        before = selectors.potential_levels(employee_ids=[employee.pk]).get(employee.pk, level)
        assessment = PotentialAssessment.objects.create(
            employee=employee,
            cycle=cycle,
            scores={},
            level=before,
            assessed_by=actor.user,
            note=f"The manager's view, recorded in the talent review {review.name}."[:300],
        )
    return _calibrate(actor, assessment, level, f"Talent review {review.name}: {reason}")


@transaction.atomic
def potential_criterion_add(
    *, actor: Actor, name: str, description: str, low: str, medium: str, high: str
) -> PotentialCriterion:
    """The organisation's own criterion; once it has one, the shipped default no longer
    applies."""
    actor.require_admin()
    key = slugify(name)[:50]
    if not key or PotentialCriterion.objects.filter(key=key).exists():
        raise ApplicationError(
            ALREADY_NAMED, "A criterion has this name.", fields={"name": "Taken."}
        )
    position = PotentialCriterion.objects.count()
    criterion = PotentialCriterion.objects.create(
        key=key,
        name=name,
        description=description,
        low=low,
        medium=medium,
        high=high,
        position=position,
    )
    audit_record(actor=actor, action="potential_criterion.added", obj=criterion)
    return criterion
