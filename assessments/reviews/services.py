"""Writes of review templates and answers.

Every saved change to a template's name or sections is kept as its next version; a cycle
pins the version it launches with (`template_version_pin`). Answers are saved like rating
drafts (by the rater, while the assessment is open) and checked for the required questions
when the assessment is submitted (`assessments.services.ratings.assessment_submit`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from assessments.models import Assessment, AssessmentCycle
from assessments.reviews import schema
from assessments.reviews.models import ReviewAnswer, ReviewTemplate, ReviewTemplateVersion
from assessments.reviews.selectors import assessment_sections
from assessments.selectors.requirements import scale_bounds
from assessments.services import INVALID
from assessments.services.ratings import _check_editable, _check_rater
from plms.audit.services import audit_record
from plms.common.errors import ApplicationError
from plms.tenancy.actors import Actor, same_organization

TEMPLATE_FIELDS = ("name", "description", "sections")
AnswerValue = str | int | None


# --- Templates -------------------------------------------------------------------------------


def _clean_name(name: str) -> str:
    name = (name or "").strip()[:200]
    if not name:
        raise ApplicationError(INVALID, "A name is required.", fields={"name": "Required."})
    return name


def _keep_version(*, actor: Actor, template: ReviewTemplate) -> ReviewTemplateVersion:
    return ReviewTemplateVersion.objects.create(
        template=template,
        number=template.version,
        name=template.name,
        sections=template.sections,
        created_by=actor.user,
    )


@transaction.atomic
def review_template_create(
    *, actor: Actor, name: str, description: str = "", sections: Any = ()
) -> ReviewTemplate:
    """A new template (version 1). Without sections it asks the capability ratings of every
    rater kind, as a cycle without a template does."""
    actor.require_admin()
    raw = list(sections) or [
        {"kind": schema.CAPABILITIES, "rater_kinds": list(schema.SECTION_RATER_KINDS)}
    ]
    template = ReviewTemplate.objects.create(
        name=_clean_name(name),
        description=(description or "").strip()[:4000],
        sections=schema.clean_sections(raw),
    )
    _keep_version(actor=actor, template=template)
    audit_record(
        actor=actor,
        action="review_template.created",
        obj=template,
        changes={"name": template.name, "sections": len(template.sections)},
    )
    return template


@transaction.atomic
def review_template_update(
    *, actor: Actor, template: ReviewTemplate, **changes: Any
) -> ReviewTemplate:
    """Change a template's name, description or sections. A change to the name or sections
    is kept as the next version; cycles launched with an earlier one keep theirs."""
    actor.require_admin()
    same_organization(actor, template)
    template = ReviewTemplate.objects.select_for_update().get(pk=template.pk)
    unknown = set(changes) - set(TEMPLATE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown template fields {sorted(unknown)!r}.")
    before = {"name": template.name, "sections": template.sections}
    if "name" in changes:
        template.name = _clean_name(changes["name"])
    if "description" in changes:
        template.description = (changes["description"] or "").strip()[:4000]
    if "sections" in changes:
        template.sections = schema.clean_sections(changes["sections"])
    versioned = before != {"name": template.name, "sections": template.sections}
    if versioned:
        template.version += 1
    template.updated_at = timezone.now()
    template.save()
    if versioned:
        _keep_version(actor=actor, template=template)
    audit_record(
        actor=actor,
        action="review_template.updated",
        obj=template,
        changes={"version": template.version, "sections": len(template.sections)},
    )
    return template


def review_template_section_save(
    *, actor: Actor, template: ReviewTemplate, section: Mapping[str, Any], index: int | None = None
) -> ReviewTemplate:
    """Add a section at the end (`index` None) or replace the one at `index`."""
    sections = [dict(s) for s in template.sections]
    if index is None:
        sections.append(dict(section))
    elif 0 <= index < len(sections):
        sections[index] = {**dict(section), "key": sections[index]["key"]}
    else:
        raise ApplicationError(INVALID, "No such section.", fields={"section": "Unknown."})
    return review_template_update(actor=actor, template=template, sections=sections)


def review_template_section_delete(
    *, actor: Actor, template: ReviewTemplate, index: int
) -> ReviewTemplate:
    sections = [dict(s) for s in template.sections]
    if not 0 <= index < len(sections):
        raise ApplicationError(INVALID, "No such section.", fields={"section": "Unknown."})
    del sections[index]
    return review_template_update(actor=actor, template=template, sections=sections)


@transaction.atomic
def review_template_archive(
    *, actor: Actor, template: ReviewTemplate, archived: bool = True
) -> ReviewTemplate:
    """An archived template is no longer offered to new cycles; cycles using it keep it."""
    actor.require_admin()
    same_organization(actor, template)
    if template.archived != archived:
        template.archived = archived
        template.updated_at = timezone.now()
        template.save(update_fields=["archived", "updated_at"])
        audit_record(
            actor=actor,
            action="review_template.archived" if archived else "review_template.restored",
            obj=template,
        )
    return template


def template_version_pin(*, cycle: AssessmentCycle) -> None:
    """At a cycle's first launch: pin the current version of its template (the cycle keeps it
    whatever later changes the template)."""
    if cycle.review_template_id is None:
        cycle.review_template_version = None
        return
    cycle.review_template_version = (
        ReviewTemplateVersion.objects.filter(template_id=cycle.review_template_id)
        .order_by("-number")
        .first()
    )


# --- Answers ---------------------------------------------------------------------------------


def _clean_value(
    question: dict, kind: str, value: AnswerValue, bounds: tuple[int, int]
) -> tuple[dict, str]:
    """({text, level, choice}, problem) for one answer; an empty value clears the answer."""
    if value is None or value == "":
        return {"text": "", "level": None, "choice": ""}, ""
    if kind == schema.RATING:
        low, high = bounds
        try:
            level = int(value)
        except (TypeError, ValueError):
            level = -1
        if isinstance(value, bool) or not low <= level <= high:
            return {}, f"Choose a level from {low} to {high}."
        return {"text": "", "level": level, "choice": ""}, ""
    if kind == schema.CHOICE:
        if value not in question.get("options", []):
            return {}, "Choose one of the options."
        return {"text": "", "level": None, "choice": value}, ""
    if not isinstance(value, str):
        return {}, "Answer in words."
    return {"text": value.strip()[:10000], "level": None, "choice": ""}, ""


@transaction.atomic
def answers_save(
    *, actor: Actor, assessment: Assessment, answers: Mapping[str, AnswerValue]
) -> list[ReviewAnswer]:
    """Save the rater's answers as a draft: {question key: text, level or option}; an empty
    value clears one. Every answer is checked before anything is written: a question the
    rater is not asked, a level outside the scale or an unknown option refuses the call.
    Required questions are checked on submit."""
    same_organization(actor, assessment)
    assessment = (
        Assessment.objects.select_for_update(of=("self",))
        .select_related("cycle", "cycle__review_template_version")
        .get(pk=assessment.pk)
    )
    _check_rater(actor, assessment)
    _check_editable(assessment)
    asked = {
        q["key"]: (s["kind"], q) for s, q in schema.questions_of(assessment_sections(assessment))
    }
    bounds = scale_bounds()
    problems: dict[str, str] = {}
    cleaned: dict[str, dict] = {}
    for key, value in answers.items():
        if key not in asked:
            problems[key] = "Not a question of this assessment."
            continue
        kind, question = asked[key]
        fields, problem = _clean_value(question, kind, value, bounds)
        if problem:
            problems[key] = problem
        else:
            cleaned[key] = fields
    if problems:
        raise ApplicationError(INVALID, "Some answers are invalid.", fields=problems)
    existing = {a.question_key: a for a in ReviewAnswer.objects.filter(assessment=assessment)}
    now = timezone.now()
    saved = []
    for key, fields in cleaned.items():
        answer = existing.get(key)
        if answer is None:
            if not any(fields.values()) and fields["level"] is None:
                continue
            answer = ReviewAnswer(assessment=assessment, question_key=key)
        elif all(getattr(answer, name) == value for name, value in fields.items()):
            saved.append(answer)
            continue
        for name, value in fields.items():
            setattr(answer, name, value)
        answer.updated_at = now
        answer.save()
        saved.append(answer)
    if assessment.status == Assessment.Status.PENDING and cleaned:
        assessment.status = Assessment.Status.DRAFT
        assessment.updated_at = now
        assessment.save(update_fields=["status", "updated_at"])
    return saved
