"""Pulse and engagement surveys: questions, rounds, anonymous responses and action plans.

- `SurveySettings` (one row per organisation; defaults when absent): the minimum group size
  below which no figure of a group is shown;
- `Survey`: its questions, its audience (everyone, departments or chosen people) and its
  recurrence, which a Momentum workflow runs (`workflow`);
- `SurveyQuestion`: a question from the shipped library (eNPS, the engagement set) or the
  organisation's own: a scale, open text or multiple choice;
- `SurveyRound`: one occurrence of the survey, open from `opens_at` until `closes_at`;
- `SurveyParticipation`: that a person has answered a round (so nobody answers twice) and
  nothing else;
- `SurveyResponse`: the answers of one response, with the respondent's department and team
  at the time, and nothing that leads back to them: no person, no time, and a random id
  rather than one from a sequence, so responses cannot be lined up with participations by the
  order they arrived in;
- `ActionPlan`, `SurveyAction`: what the organisation does about a survey's result (for the
  whole organisation or one department), each action with an owner and a due date, followed
  up by Momentum.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plms.people.models import Department, Employee
from plms.tenancy.models import TenantModel

# The smallest minimum group size an organisation may set: below it a breakdown is a person.
LOWEST_MIN_GROUP = 3
DEFAULT_MIN_GROUP = 5


def _org_uuid(name: str) -> models.UniqueConstraint:
    return models.UniqueConstraint(fields=["organization", "uuid"], name=f"{name}_org_uuid")


def random_id() -> int:
    """A response's primary key, given on insert (the column is still an identity, which moving
    an organisation between databases relies on): random, so the table's order says nothing
    about when a response arrived."""
    return secrets.randbits(62) + 1


class SurveySettings(TenantModel):
    """How the organisation runs surveys (one row; defaults when absent)."""

    min_group_size = models.PositiveSmallIntegerField(
        default=DEFAULT_MIN_GROUP,
        validators=[MinValueValidator(LOWEST_MIN_GROUP), MaxValueValidator(100)],
        help_text="Groups with fewer responses than this are never shown.",
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "survey settings"
        constraints = [
            _org_uuid("surveysettings"),
            models.UniqueConstraint(fields=["organization"], name="surveysettings_one_per_org"),
        ]

    def __str__(self) -> str:
        return "Survey settings"


class Survey(TenantModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Scheduled")
        CLOSED = "closed", _("Closed")

    class Audience(models.TextChoices):
        EVERYONE = "everyone", _("The whole organisation")
        DEPARTMENTS = "departments", _("Departments")
        PEOPLE = "people", _("Chosen people")

    class Recurrence(models.TextChoices):
        ONCE = "once", _("Once")
        MONTHLY = "monthly", _("Every month")
        QUARTERLY = "quarterly", _("Every quarter")

    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    audience = models.CharField(max_length=12, choices=Audience.choices, default="everyone")
    # Public ids of the chosen departments or people.
    audience_ids = models.JSONField(default=list, blank=True)
    recurrence = models.CharField(max_length=10, choices=Recurrence.choices, default="once")
    starts_on = models.DateField(null=True, blank=True)
    open_days = models.PositiveSmallIntegerField(
        default=7, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    # The Momentum workflow that opens its rounds and invites the audience.
    workflow = models.ForeignKey(
        "workflows.WorkflowTemplate",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)
    scheduled_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "id"]
        constraints = [_org_uuid("survey")]

    def __str__(self) -> str:
        return self.name


class SurveyQuestion(TenantModel):
    class Kind(models.TextChoices):
        SCALE = "scale", _("Scale")
        ENPS = "enps", _("Employee Net Promoter Score (0-10)")
        TEXT = "text", _("Open text")
        CHOICE = "choice", _("Multiple choice")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField()
    library_key = models.CharField(max_length=40, blank=True)  # the shipped question it copies
    text = models.CharField(max_length=300)
    kind = models.CharField(max_length=6, choices=Kind.choices, default=Kind.SCALE)
    scale_min = models.PositiveSmallIntegerField(default=1)
    scale_max = models.PositiveSmallIntegerField(default=5)
    low_label = models.CharField(max_length=60, blank=True)
    high_label = models.CharField(max_length=60, blank=True)
    choices = models.JSONField(default=list, blank=True)
    required = models.BooleanField(default=True)

    class Meta:
        ordering = ["survey_id", "position", "id"]
        constraints = [
            _org_uuid("surveyquestion"),
            models.UniqueConstraint(
                fields=["organization", "survey", "position"], name="surveyquestion_position"
            ),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def is_scale(self) -> bool:
        return self.kind in (self.Kind.SCALE, self.Kind.ENPS)


class SurveyRound(TenantModel):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField()
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField()
    invited = models.PositiveIntegerField(default=0)  # the audience when it opened
    responses_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["survey_id", "number"]
        constraints = [
            _org_uuid("surveyround"),
            models.UniqueConstraint(
                fields=["organization", "survey", "number"], name="surveyround_number"
            ),
            models.UniqueConstraint(
                fields=["organization", "survey", "opens_at"], name="surveyround_opens_at"
            ),
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="surveyround_closes_after"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.survey} · round {self.number}"

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at


class SurveyParticipation(TenantModel):
    """That `employee` has answered `round`. No time, and nothing that names the response."""

    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="+")
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            _org_uuid("surveyparticipation"),
            models.UniqueConstraint(
                fields=["organization", "round", "employee"], name="surveyparticipation_once"
            ),
        ]


class SurveyResponse(TenantModel):
    """One anonymous response: answers by question uuid, the group it counts in, no person."""

    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="responses")
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The respondent's manager at the time: the team the response counts in.
    team_manager = models.ForeignKey(
        Employee, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answers = models.JSONField(default=dict)

    class Meta:
        constraints = [_org_uuid("surveyresponse")]
        indexes = [
            models.Index(fields=["organization", "round"], name="surveyresponse_org_round"),
        ]


class ActionPlan(TenantModel):
    """What the organisation does about a survey's result for everyone or one department."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="action_plans")
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["survey_id", "department_id", "id"]
        constraints = [
            _org_uuid("actionplan"),
            models.UniqueConstraint(
                fields=["organization", "survey", "department"],
                name="actionplan_per_department",
                condition=Q(department__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["organization", "survey"],
                name="actionplan_per_organisation",
                condition=Q(department__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.survey} · {self.department or 'organisation'}"


class SurveyAction(TenantModel):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(max_length=200)
    owner = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField()
    status = models.CharField(max_length=5, choices=Status.choices, default=Status.OPEN)
    done_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [_org_uuid("surveyaction")]
        indexes = [
            models.Index(fields=["organization", "owner", "status"], name="surveyaction_owner"),
        ]

    def __str__(self) -> str:
        return self.title
