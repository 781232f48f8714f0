"""What PLMS holds about one person: the rows whose subject they are, by model.

`SUBJECT_ROWS` names, per model, the field that says whose record a row is (`employee` of a
consolidated level, `receiver` of feedback, `report` of a check-in, `recipient` of a
notification …): a row is the person's when that field is them. Rows a person merely touched
(feedback they gave someone else, a rating they gave a colleague) are the other person's
records and are not part of their export. `CHILD_ROWS` adds the details of those rows
(ratings of an assessment of them, updates of their goals, items of their plan).

Models are named by label, not imported: this module reads every domain and belongs to none.
A test checks that every tenant model pointing at a person is either listed or deliberately
left out (`NOT_THE_SUBJECT`).
"""

from __future__ import annotations

import datetime
import decimal
import uuid
from collections.abc import Iterator
from typing import Any

from django.apps import apps
from django.db import models

from plms.people.models import Employee

# (model label, field naming the subject, "employee" or "user")
SUBJECT_ROWS: tuple[tuple[str, str, str], ...] = (
    ("people.SecondaryManager", "employee", "employee"),
    ("people.Invitation", "employee", "employee"),
    ("capabilities.RoleAssignment", "employee", "employee"),
    ("assessments.Assessment", "employee", "employee"),
    ("assessments.ConsolidatedLevel", "employee", "employee"),
    ("assessments.AttestedRating", "employee", "employee"),
    ("goals.Goal", "owner_employee", "employee"),
    ("goals.GoalContributor", "employee", "employee"),
    ("goals.CheckInSeries", "report", "employee"),
    ("goals.CheckIn", "report", "employee"),
    ("goals.Feedback", "receiver", "employee"),
    ("goals.FeedbackRequest", "requester", "employee"),
    ("learning.DevelopmentPlan", "employee", "employee"),
    ("learning.LearningCompletion", "employee", "employee"),
    ("learning.CapabilityEvidence", "employee", "employee"),
    ("learning.ReassessmentRequest", "employee", "employee"),
    ("workflows.WorkflowRun", "employee", "employee"),
    ("workflows.Notification", "recipient", "user"),
    ("workflows.NotificationSettings", "user", "user"),
    ("workflows.NotificationDigest", "recipient", "user"),
    ("web.MemberActivity", "user", "user"),
    ("learning.LearningFeedback", "employee", "employee"),
    ("reward.PerformanceRating", "employee", "employee"),
    ("reward.PayRecord", "employee", "employee"),
    ("reward.LeaveRecord", "employee", "employee"),
    ("reward.CompensationProposal", "employee", "employee"),
    ("talent.Aspiration", "employee", "employee"),
    ("talent.Successor", "employee", "employee"),
    ("talent.PotentialAssessment", "employee", "employee"),
    ("talent.SuccessorNomination", "employee", "employee"),
    ("talent.TalentPoolMember", "employee", "employee"),
    ("talent.TalentReviewMove", "employee", "employee"),
    ("talent.TalentReviewEntry", "employee", "employee"),
    ("reward.BonusLine", "employee", "employee"),
    ("reward.CalibrationRank", "employee", "employee"),
    # That the person answered a survey's round, never what they answered (responses carry no
    # person, so an export cannot include them).
    ("surveys.SurveyParticipation", "employee", "employee"),
    ("surveys.SurveyAction", "owner", "employee"),
)
# Management planning about the person (successor slates, potential, talent pools): never
# shown to the person in the product, so an export leaves them out unless HR, answering a
# request that must include them, asks for them (`include_planning`).
PLANNING_ROWS = frozenset(
    {
        "talent.Successor",
        "talent.PotentialAssessment",
        "talent.SuccessorNomination",
        "talent.TalentPoolMember",
    }
)
# (child model label, field pointing at a subject row's model label)
CHILD_ROWS: tuple[tuple[str, str, str], ...] = (
    ("assessments.Rating", "assessment", "assessments.Assessment"),
    ("goals.GoalUpdate", "goal", "goals.Goal"),
    ("learning.PlanItem", "plan", "learning.DevelopmentPlan"),
)
# Fields pointing at people whose rows are *someone else's* records (or not personal data).
NOT_THE_SUBJECT = frozenset(
    {
        "people.Employee.manager",
        "surveys.Survey.created_by",
        "surveys.ActionPlan.created_by",
        # The manager of the team an anonymous response counts in: about the team, not them.
        "surveys.SurveyResponse.team_manager",
        "assessments.ReviewTemplateVersion.created_by",
        "reward.PerformanceRating.confirmed_by",
        "reward.PerformanceRating.calibrated_by",
        "reward.RatingRelease.released_by",
        "reward.CompensationGrant.manager",
        "reward.CompensationGrant.granted_by",
        "reward.CompensationReview.opened_by",
        "reward.CompensationProposal.proposed_by",
        "reward.CompensationProposal.awaiting",
        "talent.CriticalRole.incumbent",
        "talent.Successor.nominated_by",
        "talent.CriticalRoleUserObjectPermission.user",
        "talent.PotentialAssessment.assessed_by",
        "talent.SuccessorNomination.proposed_by",
        "talent.SuccessorNomination.decided_by",
        "talent.TalentPoolMember.added_by",
        "talent.TalentReview.facilitator",
        "talent.TalentReview.opened_by",
        "talent.TalentReviewUserObjectPermission.user",
        "talent.TalentReviewMove.moved_by",
        "talent.TalentReviewEntry.owner",
        "talent.TalentReviewEntry.recorded_by",
        "talent.TalentPoolUserObjectPermission.user",
        "reward.BonusRun.opened_by",
        "reward.BonusLine.adjusted_by",
        "reward.CalibrationRank.ranked_by",
        "people.SecondaryManager.manager",
        "people.Invitation.invited_by",
        "audit.AuditEvent.actor_user",
        "integrations.WebhookSubscription.created_by",
        "capabilities.Capability.data_steward",
        "capabilities.FrameworkVersion.published_by",
        "assessments.Assessment.rater",
        "assessments.Assessment.nominated_by",
        "assessments.AssessmentUserObjectPermission.user",
        "assessments.ConsolidatedLevel.adjusted_by",
        "assessments.PreviewVote.voter",
        "goals.Goal.data_steward",
        "goals.Goal.stretch_approved_by",
        "goals.Goal.activation_override_by",
        "goals.Goal.created_by",
        "goals.GoalUpdate.recorded_by",
        "goals.GoalChangeRequest.requested_by",
        "goals.GoalChangeRequest.decided_by",
        "goals.CheckInSeries.manager",
        "goals.CheckIn.manager",
        "goals.ActionItem.owner",
        "goals.CheckInEscalation.escalated_to",
        "goals.CheckInEscalation.escalated_by",
        "goals.CheckInEscalation.resolved_by",
        "goals.FeedbackRequest.asked",
        "goals.Feedback.giver",
        "learning.DevelopmentPlan.approved_by",
        "learning.DevelopmentPlan.hr_signed_off_by",
        "workflows.WorkflowTemplate.created_by",
        "privacy.PersonalDataExport.employee",
        "privacy.PersonalDataExport.requested_by",
        "people.Employee.user",
    }
)
# Never exported: secrets and internals.
HIDDEN_FIELDS = frozenset({"password", "content", "token_hash", "token", "dedupe_key"})


def jsonable(value: Any) -> Any:
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return None
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    if isinstance(value, dict):
        return {str(key): jsonable(item) for key, item in value.items()}
    return value


def _columns(model: type[models.Model]) -> list[str]:
    return [
        field.attname
        for field in model._meta.concrete_fields
        if field.name not in HIDDEN_FIELDS and field.attname not in ("organization_id",)
    ]


def _rows(queryset: models.QuerySet) -> list[dict]:
    columns = _columns(queryset.model)
    return [
        {column: jsonable(value) for column, value in row.items()}
        for row in queryset.order_by("pk").values(*columns)
    ]


def person_sections(
    employee: Employee, *, include_planning: bool = False
) -> Iterator[tuple[str, list[dict]]]:
    """(section name, rows) for each model that holds something about `employee`, starting
    with the person and their sign-in; run inside the employee's organization. Management
    planning sections (`PLANNING_ROWS`) are left out unless `include_planning`."""
    yield "people.Employee", _rows(Employee.objects.filter(pk=employee.pk))
    user = employee.user
    if user is not None:
        yield (
            "accounts.User",
            [
                {
                    "email": user.email,
                    "full_name": user.full_name,
                    "date_joined": jsonable(getattr(user, "date_joined", None)),
                    "last_login": jsonable(user.last_login),
                    "time_zone": getattr(user, "time_zone", ""),
                }
            ],
        )
    subject_ids: dict[str, list[int]] = {}
    for label, field, kind in SUBJECT_ROWS:
        if label in PLANNING_ROWS and not include_planning:
            continue
        model = apps.get_model(label)
        if kind == "user":
            if user is None:
                continue
            queryset = model.objects.filter(**{field: user})
        else:
            queryset = model.objects.filter(**{field: employee})
        rows = _rows(queryset)
        subject_ids[label] = [row["id"] for row in rows]
        yield label, rows
    for label, field, parent in CHILD_ROWS:
        model = apps.get_model(label)
        yield label, _rows(model.objects.filter(**{f"{field}_id__in": subject_ids.get(parent, [])}))


def section_count(*, include_planning: bool = False) -> int:
    withheld = 0 if include_planning else len(PLANNING_ROWS)
    return 2 + len(SUBJECT_ROWS) - withheld + len(CHILD_ROWS)
