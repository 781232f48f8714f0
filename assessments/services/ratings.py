"""Writes of ratings: autosaved drafts, the evidence rules, submitting (which locks), the inputs
of calibration and ratings attested from outside.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from django.db import IntegrityError, transaction
from django.utils import formats, timezone

from assessments import notices
from assessments.events import AssessmentSubmitted, ReviewAnswersSubmitted
from assessments.models import (
    Assessment,
    AttestedRating,
    Rating,
)
from assessments.reviews.selectors import capability_section, missing_answers, submitted_answers
from assessments.selectors.requirements import (
    reference_levels,
    required_capabilities,
    required_capability_ids,
    scale_bounds,
)
from assessments.services import (
    ALREADY_SUBMITTED,
    ASSESSMENT_LOCKED,
    ASSESSMENT_NOT_OPEN,
    CAPABILITY_NOT_IN_SCOPE,
    EVIDENCE_REQUIRED,
    INCOMPLETE,
    INVALID,
    LEVEL_OUT_OF_SCALE,
    NOT_RATER,
    RATING_ON_BEHALF,
)
from assessments.services.raters import RATE_PERMISSION, _require_open
from capabilities.models import Capability
from plms.audit.services import audit_record
from plms.common.error_codes import ErrorCode
from plms.common.errors import ApplicationError, NotFound
from plms.events.bus import publish
from plms.people.models import Employee
from plms.tenancy.actors import Actor, same_organization


@dataclass(frozen=True)
class RatingInput:
    capability: Capability
    level: int | None  # None: not observed
    evidence: str = ""


# --- Ratings ---------------------------------------------------------------------------------


def _check_rater(actor: Actor, assessment: Assessment) -> None:
    if actor.api_key is not None:
        raise ApplicationError(
            RATING_ON_BEHALF,
            "API keys do not rate on a person's behalf; import the level as an external rating.",
        )
    viewer = actor.employee
    if viewer is None or viewer.pk != assessment.rater_id:
        raise ApplicationError(NOT_RATER, "Only the rater may rate this assessment.")
    if assessment.kind == Assessment.Kind.EXPERT and not (
        actor.user is not None and actor.user.has_perm(RATE_PERMISSION, assessment)
    ):
        raise ApplicationError(NOT_RATER, "Your expert grant was withdrawn.")


def _check_editable(assessment: Assessment) -> None:
    if assessment.status == Assessment.Status.SUBMITTED:
        raise ApplicationError(
            ASSESSMENT_LOCKED, "The assessment is submitted and can no longer change.", status=409
        )
    if assessment.status not in Assessment.OPEN_STATUSES:
        raise ApplicationError(ASSESSMENT_NOT_OPEN, "This assessment is not open for rating.")
    _require_open(assessment.cycle)


@transaction.atomic
def ratings_save(
    *, actor: Actor, assessment: Assessment, items: Iterable[RatingInput]
) -> list[Rating]:
    """Save ratings as a draft (autosave). All items are checked before anything is written:
    a level outside the scale or a capability the employee's role does not require refuses
    the whole call. Evidence rules are checked on submit."""
    same_organization(actor, assessment)
    assessment = (
        Assessment.objects.select_for_update(of=("self",))
        .select_related("cycle", "cycle__review_template_version")
        .get(pk=assessment.pk)
    )
    _check_rater(actor, assessment)
    _check_editable(assessment)
    items = list(items)
    required = (
        required_capability_ids(employee_id=assessment.employee_id)
        if capability_section(assessment) is not None
        else set()
    )
    low, high = scale_bounds()
    problems: dict[str, str] = {}
    codes: set[ErrorCode] = set()
    for item in items:
        same_organization(actor, item.capability)
        key = item.capability.key
        if item.capability.pk not in required:
            problems[key] = (
                "Not required by the employee's role."
                if required or capability_section(assessment) is not None
                else "This review asks you no capability ratings."
            )
            codes.add(CAPABILITY_NOT_IN_SCOPE)
        elif item.level is not None and not (
            isinstance(item.level, int) and low <= item.level <= high
        ):
            problems[key] = f"Choose a level from {low} to {high}, or not observed."
            codes.add(LEVEL_OUT_OF_SCALE)
    if problems:
        code: ErrorCode = codes.pop() if len(codes) == 1 else INVALID
        message = {
            CAPABILITY_NOT_IN_SCOPE: "A capability is not among the employee's role requirements.",
            LEVEL_OUT_OF_SCALE: "A rating is outside the competency scale.",
        }.get(code, "Some ratings are invalid.")
        raise ApplicationError(code, message, fields=problems)
    existing = {r.capability_id: r for r in Rating.objects.filter(assessment=assessment).order_by()}
    version = assessment.cycle.framework_version_id
    now = timezone.now()
    saved = []
    for item in items:
        rating = existing.get(item.capability.pk) or Rating(
            assessment=assessment, capability=item.capability
        )
        evidence = (item.evidence or "").strip()
        if rating.pk and rating.level == item.level and rating.evidence == evidence:
            saved.append(rating)
            continue
        rating.level, rating.evidence = item.level, evidence
        rating.framework_version_id = version
        rating.updated_at = now
        rating.save()
        saved.append(rating)
    if assessment.status == Assessment.Status.PENDING and items:
        assessment.status = Assessment.Status.DRAFT
    assessment.updated_at = now
    assessment.save(update_fields=["status", "updated_at"])
    return saved


def evidence_problems(
    *, assessment: Assessment, ratings: Iterable[Rating], bounds: tuple[int, int] | None = None
) -> dict[str, str]:
    """{capability key: why evidence is needed} for ratings lacking required evidence."""
    cycle = assessment.cycle
    low, high = bounds or scale_bounds()
    references = reference_levels(assessment=assessment) if cycle.evidence_min_distance else {}
    problems = {}
    for rating in ratings:
        if rating.level is None or rating.evidence.strip():
            continue
        key = rating.capability.key
        if cycle.evidence_at_extremes and rating.level in (low, high):
            problems[key] = "Evidence is required for a rating at the end of the scale."
            continue
        reference = references.get(rating.capability_id)
        if reference is not None and abs(rating.level - reference) >= cycle.evidence_min_distance:
            problems[key] = (
                f"Evidence is required: {cycle.evidence_min_distance} or more levels from the "
                "other rating."
            )
    return problems


@transaction.atomic
def assessment_submit(*, actor: Actor, assessment: Assessment) -> Assessment:
    """Lock the assessment: every required capability rated (or not observed), evidence where
    the cycle's rules require it. Submitting twice is refused."""
    same_organization(actor, assessment)
    assessment = (
        Assessment.objects.select_for_update(of=("self",))
        .select_related(
            "cycle", "cycle__review_template", "cycle__review_template_version", "employee", "rater"
        )
        .get(pk=assessment.pk)
    )
    _check_rater(actor, assessment)
    if assessment.status == Assessment.Status.SUBMITTED:
        raise ApplicationError(
            ALREADY_SUBMITTED, "The assessment was submitted already.", status=409
        )
    _check_editable(assessment)
    # The cycle's template says whether the rater's kind rates capabilities and whether every
    # one must be rated; its required questions must be answered.
    section = capability_section(assessment)
    required = (
        required_capabilities(employee_id=assessment.employee_id)
        if section is not None and section["required"]
        else {}
    )
    ratings = list(Rating.objects.filter(assessment=assessment).select_related("capability"))
    rated = {r.capability_id for r in ratings}
    missing = [req.capability for cap_id, req in required.items() if cap_id not in rated]
    unanswered = missing_answers(assessment)
    if missing or unanswered:
        raise ApplicationError(
            INCOMPLETE,
            "Rate every capability (or mark it not observed) before submitting."
            if not unanswered
            else "Answer every required question before submitting."
            if not missing
            else "Rate every capability and answer every required question before submitting.",
            fields={**{c.key: "Not rated." for c in missing}, **unanswered},
        )
    problems = evidence_problems(assessment=assessment, ratings=ratings)
    if problems:
        raise ApplicationError(
            EVIDENCE_REQUIRED, "Some ratings need evidence before submitting.", fields=problems
        )
    now = timezone.now()
    claimed = Assessment.objects.filter(
        pk=assessment.pk, status__in=Assessment.OPEN_STATUSES
    ).update(status=Assessment.Status.SUBMITTED, submitted_at=now, updated_at=now)
    if claimed != 1:
        raise ApplicationError(
            ALREADY_SUBMITTED, "The assessment was submitted already.", status=409
        )
    assessment.status, assessment.submitted_at, assessment.updated_at = "submitted", now, now
    audit_record(
        actor=actor,
        action="assessment.submitted",
        obj=assessment,
        changes={"ratings": len(ratings), "kind": assessment.kind},
    )
    notices.self_assessment_submitted(assessment=assessment)
    events: list = [AssessmentSubmitted.of(assessment, submitted_at=now)]
    answers = submitted_answers(assessment=assessment)
    if answers is not None:
        events.append(ReviewAnswersSubmitted.of(assessment, answers=answers, submitted_at=now))
    publish(actor_or_organization=actor, events=events)
    return assessment


@transaction.atomic
def calibration_inputs_set(
    *, actor: Actor, assessment: Assessment, performance: int | None, potential: int | None
) -> Assessment:
    """The manager's performance and potential (1-3 each) for the 9-box; part of the draft."""
    same_organization(actor, assessment)
    assessment = (
        Assessment.objects.select_for_update().select_related("cycle").get(pk=assessment.pk)
    )
    _check_rater(actor, assessment)
    _check_editable(assessment)
    if assessment.kind != Assessment.Kind.MANAGER:
        raise ApplicationError(INVALID, "Only managers rate performance and potential.")
    for name, value in (("performance", performance), ("potential", potential)):
        if value is not None and value not in (1, 2, 3):
            raise ApplicationError(INVALID, "Use 1 (low), 2 or 3 (high).", fields={name: "1-3."})
    assessment.performance, assessment.potential = performance, potential
    assessment.updated_at = timezone.now()
    assessment.save(update_fields=["performance", "potential", "updated_at"])
    return assessment


def attested_rating_record(
    *,
    employee: Employee,
    capability: Capability,
    level: int,
    attested_at: datetime,
    source: str,
    source_key: str,
) -> tuple[AttestedRating, bool]:
    """Record that `source` (a passed exam, say) attests `level` in `capability`; returns
    (rating, created). It counts as an expert rating when a cycle whose period covers
    `attested_at` is consolidated. The same `source_key` and capability again return the
    rating recorded first and change nothing, so a replayed attestation counts once."""
    if employee.organization_id != capability.organization_id:
        raise NotFound()
    low, high = scale_bounds()
    if not (isinstance(level, int) and low <= level <= high):
        raise ApplicationError(
            LEVEL_OUT_OF_SCALE,
            "The attested level is outside the competency scale.",
            fields={"level": f"Choose a level from {low} to {high}."},
        )
    source_key = (source_key or "").strip()
    if not source_key:
        raise ApplicationError(INVALID, "Name what attests it.", fields={"source_key": "Required."})
    existing = AttestedRating.objects.filter(source_key=source_key, capability=capability)
    found = existing.first()
    if found is not None:
        return found, False
    rating = AttestedRating(
        employee=employee,
        capability=capability,
        level=level,
        attested_at=attested_at,
        source=source.strip()[:300],
        source_key=source_key,
    )
    try:
        with transaction.atomic():
            rating.save()
    except IntegrityError:  # the same attestation arrived concurrently
        return existing.get(), False
    return rating, True


@transaction.atomic
def external_rating_import(
    *,
    actor: Actor,
    employee: Employee,
    capability: Capability,
    level: int,
    rated_on: date,
    source: str,
    external_id: str,
    evidence_url: str = "",
) -> tuple[AttestedRating, bool]:
    """Record a level rated in another system (an assessment platform, an exam, a previous
    vendor) on behalf of `source`; returns (rating, created). It is consolidated as an
    expert rating by a cycle that weights experts and whose period covers `rated_on`.
    Idempotent by `external_id`: importing it again returns the rating recorded first and
    changes nothing. Audited."""
    actor.require_admin()
    same_organization(actor, employee, capability)
    external_id, source = (external_id or "").strip(), (source or "").strip()
    problems = {}
    if not external_id:
        problems["external_id"] = "Required."
    if not source:
        problems["source"] = "Name the system the rating comes from."
    if problems:
        raise ApplicationError(INVALID, "The external rating is incomplete.", fields=problems)
    key = f"{AttestedRating.EXTERNAL_PREFIX}{external_id}"[:100]
    found = AttestedRating.objects.filter(source_key=key).first()
    if found is not None:
        return found, False
    rating, created = attested_rating_record(
        employee=employee,
        capability=capability,
        level=level,
        attested_at=datetime.combine(rated_on, time(12), tzinfo=UTC),
        source=source,
        source_key=key,
    )
    if created:
        rating.evidence_url = evidence_url
        rating.save(update_fields=["evidence_url"])
        audit_record(
            actor=actor,
            action="external_rating.imported",
            obj=employee,
            changes={
                "external_rating": {
                    "before": None,
                    "after": (
                        f"{capability.name}: level {level} from {source} on "
                        f"{formats.date_format(rated_on, 'DATE_FORMAT')}"
                    ),
                }
            },
        )
    return rating, created
