"""Operators can follow a request or a task by its ids, and scrape metrics with a token."""

from __future__ import annotations

import datetime
import io
import json
import logging

import pytest
from django.test import override_settings
from django.utils import timezone

from plms.common.logs import ContextFilter, JsonFormatter
from plms.tenancy.context import organization_scope
from tests import factories
from tests.workflows.factories import WorkflowMilestoneFactory, WorkflowTemplateFactory
from workflows.engine import runs as run_engine

TOKEN = "metrics-token-for-tests-0123456789"


@pytest.fixture
def log_lines():
    """Every record of the run as the production handler writes it (JSON, with the ids)."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(ContextFilter())
    root = logging.getLogger()
    watched = [logging.getLogger(name) for name in ("plms.request", "plms.task", "workflows")]
    levels = [logger.level for logger in watched]
    root.addHandler(handler)
    for logger in watched:
        logger.setLevel(logging.INFO)

    def lines() -> list[dict]:
        return [json.loads(line) for line in stream.getvalue().splitlines() if line]

    yield lines
    root.removeHandler(handler)
    for logger, level in zip(watched, levels, strict=True):
        logger.setLevel(level)


def test_an_api_request_line_carries_its_ids(key_client_a, org_a, log_lines):
    response = key_client_a.get("/api/v1/job-roles", HTTP_X_REQUEST_ID="req-1234567890")
    assert response.status_code == 200
    assert response["X-Request-ID"] == "req-1234567890"
    (line,) = [line for line in log_lines() if line["message"] == "request"]
    assert line["request_id"] == "req-1234567890"
    assert line["organization_id"] == org_a.pk
    assert line["api_key_id"] == key_client_a.api_key.pk
    assert "user_id" not in line
    assert line["route"] == "api:job-role-list"
    assert line["method"] == "GET" and line["status"] == 200
    assert isinstance(line["duration_ms"], float)
    assert line["level"] == "INFO" and line["logger"] == "plms.request"


def test_a_page_request_line_carries_the_user_and_never_personal_data(
    client, hr_admin, org_a, log_lines
):
    client.force_login(hr_admin.user)
    assert client.get("/", HTTP_X_REQUEST_ID="bad id with spaces").status_code == 200
    (line,) = [line for line in log_lines() if line["message"] == "request"]
    assert len(line["request_id"]) == 32, "an unusable incoming id is replaced"
    assert line["user_id"] == hr_admin.user.pk
    assert line["organization_id"] == org_a.pk
    assert line["route"] == "web:home"
    text = json.dumps(log_lines())
    assert hr_admin.user.email not in text and hr_admin.employee.last_name not in text


def test_a_task_line_carries_the_task_organization_and_request(org_a, log_lines):
    from workflows.tasks import workflow_tick_organization

    result = workflow_tick_organization.apply(
        kwargs={"organization_id": org_a.pk}, headers={"plms_request_id": "req-from-web-1"}
    )
    assert result.successful()
    lines = log_lines()
    inside = [line for line in lines if line["logger"] == "workflows.tasks"]
    (done,) = [line for line in lines if line["message"] == "task"]
    for line in [*inside, done]:
        assert line["task_id"] == result.id
        assert line["task"] == "workflows.tasks.workflow_tick_organization"
        assert line["organization_id"] == org_a.pk
        assert line["request_id"] == "req-from-web-1"
    assert done["state"] == "SUCCESS" and isinstance(done["duration_ms"], float)


# --- /metrics ----------------------------------------------------------------------------------


@override_settings(PLMS_METRICS_TOKEN=TOKEN)
@pytest.mark.parametrize(
    "authorization", [None, "Bearer wrong-token", f"Basic {TOKEN}", f"Bearer {TOKEN}x"]
)
def test_metrics_refuse_without_the_token(client, authorization):
    headers = {"HTTP_AUTHORIZATION": authorization} if authorization else {}
    response = client.get("/metrics", **headers)
    assert response.status_code == 401
    assert b"plms_" not in response.content


@override_settings(PLMS_METRICS_TOKEN=None)
def test_metrics_are_off_without_a_configured_token(client):
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 404


def _value(text: str, name: str) -> float:
    (line,) = [line for line in text.splitlines() if line.startswith(name + " ")]
    return float(line.split()[-1])


@override_settings(PLMS_METRICS_TOKEN=TOKEN)
def test_metrics_with_the_token(client, key_client_a, org_a, org_b):
    # Two Momentum steps due, one of them for 10 minutes (overdue), in two organizations.
    now = timezone.now()
    for organization, minutes in ((org_a, 10), (org_b, 1)):
        person = factories.member(organization, email=f"due@{organization.slug}.example")
        with organization_scope(organization):
            template = WorkflowTemplateFactory(organization=organization, status="active")
            WorkflowMilestoneFactory(organization=organization, template=template, position=0)
            run_engine.runs_start(
                template=template,
                employees=[person.employee],
                occurrence="test",
                anchor_at=now - datetime.timedelta(minutes=minutes),
                now=now,
            )
    key_client_a.get("/api/v1/job-roles")
    response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert 'plms_http_requests_total{method="GET",route="api:job-role-list",status="200"}' in text
    assert (
        'plms_http_request_duration_seconds_bucket{le="0.1",method="GET",route="api:job-role-list"}'
        in text
    )
    assert _value(text, "plms_milestones_due") == 2
    assert _value(text, "plms_milestones_overdue") == 1
    for name in (
        'plms_notification_emails{state="pending"}',
        'plms_notification_emails{state="failed"}',
        "plms_notification_emails_stuck",
        'plms_webhook_deliveries{status="failed"}',
        "plms_webhook_failed_attempts_hour",
        'plms_queue_depth{queue="celery"}',
        "plms_metrics_source_errors",
    ):
        assert _value(text, name) >= 0, name
    assert _value(text, "plms_metrics_source_errors") == 0
