"""Review templates, their versions and the answers given to their questions.

A template's `sections` are edited in place; every saved change is kept as the next
`ReviewTemplateVersion`. A cycle names a template and, once launched, the version it launched
with (`AssessmentCycle.review_template_version`): later changes never reach it. Answers name
the question by its stable key, so the same question compares across versions.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from plms.tenancy.models import TenantModel


def _org_uuid(name: str) -> models.UniqueConstraint:
    return models.UniqueConstraint(fields=["organization", "uuid"], name=f"{name}_org_uuid")


class ReviewTemplate(TenantModel):
    """The questions a cycle asks beside (or instead of) the capability ratings."""

    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    # The current sections (see `assessments.reviews.schema`) and their version number.
    sections = models.JSONField(default=list, blank=True)
    version = models.PositiveIntegerField(default=1)
    archived = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        app_label = "assessments"
        ordering = ["name", "id"]
        constraints = [_org_uuid("reviewtemplate")]

    def __str__(self) -> str:
        return self.name


class ReviewTemplateVersion(TenantModel):
    """A template as it stood at one saved change: what a cycle launched with keeps."""

    template = models.ForeignKey(ReviewTemplate, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    name = models.CharField(max_length=200)
    sections = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        app_label = "assessments"
        ordering = ["template_id", "-number"]
        constraints = [
            _org_uuid("reviewtemplateversion"),
            models.UniqueConstraint(
                fields=["organization", "template", "number"], name="reviewtemplateversion_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.number}"


class ReviewAnswer(TenantModel):
    """One rater's answer to one question of the cycle's template version in an assessment:
    `text` (open questions, goal reflections), `level` (rating questions, on the scale) or
    `choice` (multiple choice, the option's text)."""

    assessment = models.ForeignKey(
        "assessments.Assessment", on_delete=models.CASCADE, related_name="answers"
    )
    question_key = models.CharField(max_length=40)
    text = models.TextField(blank=True)
    level = models.PositiveSmallIntegerField(null=True, blank=True)
    choice = models.CharField(max_length=200, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        app_label = "assessments"
        ordering = ["assessment_id", "id"]
        constraints = [
            _org_uuid("reviewanswer"),
            models.UniqueConstraint(
                fields=["organization", "assessment", "question_key"], name="reviewanswer_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "question_key"], name="reviewanswer_org_question"),
        ]

    def __str__(self) -> str:
        return f"{self.assessment_id} · {self.question_key}"

    @property
    def is_empty(self) -> bool:
        return not self.text.strip() and self.level is None and not self.choice
