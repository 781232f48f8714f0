"""The Momentum step of `generate_org` at a tiny size: a year of a monthly template's runs,
steps and notifications, finished as dispatching leaves them, that the tick never starts again
and that the pages show."""

from __future__ import annotations

import random
from collections import Counter
from datetime import timedelta

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from bench.generators import Sizes, people, workflows
from plms.people.models import Employee
from plms.tenancy.actors import system_actor
from plms.tenancy.context import organization_scope
from plms.tenancy.models import Organization
from tests.conftest import in_org
from workflows.engine.tick import organization_tick, organizations_with_work
from workflows.models import MilestoneRun, Notification, WorkflowRun, WorkflowTemplate

SIZES = Sizes(employees=40, departments=5, sampled_members=5, momentum_months=3)


def _generate(slug: str) -> tuple[Organization, dict[str, int]]:
    organization = Organization.objects.create(slug=slug, name=slug.title())
    actor = system_actor(organization)
    with organization_scope(organization), transaction.atomic():
        people.generate(actor, random.Random(1), SIZES)
        counts = workflows.generate(actor, random.Random(2), SIZES)
    return organization, counts


@pytest.mark.django_db
def test_a_year_of_momentum_history_that_the_tick_leaves_alone(client):
    organization, counts = _generate("momentum")
    now = timezone.now()
    with in_org(organization):
        reporting = list(
            Employee.objects.filter(manager__isnull=False).values_list(
                "id", "user_id", "manager__user_id"
            )
        )
        template = WorkflowTemplate.objects.get()
        assert template.status == "active" and template.next_occurrence_at is None
        # One completed run a month for everyone with a manager.
        runs = WorkflowRun.objects.all()
        assert runs.count() == counts["momentum_runs"] == 3 * len(reporting)
        assert set(runs.values_list("state", flat=True)) == {"completed"}
        assert Counter(runs.values_list("occurrence", flat=True)) == {
            occurrence: len(reporting)
            for occurrence in set(runs.values_list("occurrence", flat=True))
        }
        # Two steps a run, none open; skipped exactly where the recipient cannot sign in.
        steps = MilestoneRun.objects.all()
        assert steps.count() == counts["momentum_steps"] == 2 * runs.count()
        assert not steps.filter(state__in=MilestoneRun.OPEN_STATES).exists()
        with_sign_in = sum(bool(user) for _, user, _ in reporting)
        managers_with_sign_in = sum(bool(manager) for _, _, manager in reporting)
        expected = 3 * (with_sign_in + managers_with_sign_in)
        assert steps.filter(state="done").count() == expected
        # One notification per step done, about that step; the last month's unread.
        notices = Notification.objects.all()
        assert notices.count() == counts["notifications"] == expected
        done = {str(u) for u in steps.filter(state="done").values_list("uuid", flat=True)}
        assert set(notices.values_list("object_id", flat=True)) == done
        unread = notices.filter(read_at__isnull=True)
        assert unread.exists() and notices.filter(read_at__isnull=False).exists()
        assert not unread.filter(created_at__lt=now - timedelta(days=31)).exists()

        # The history is finished work: the tick has nothing to start, claim or complete.
        assert organization.pk not in organizations_with_work(now=now)
        report = organization_tick(now=now)
        assert (report.runs_started, report.steps_claimed, report.steps_completed) == (0, 0, 0)

        manager = Employee.objects.filter(direct_reports__isnull=False, user__isnull=False).first()
    client.force_login(manager.user)
    page = client.get(reverse("notifications:list"))
    assert page.status_code == 200
    assert "Prepare the check-in with" in page.content.decode()
