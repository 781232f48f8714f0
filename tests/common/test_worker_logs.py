"""A real Celery worker process logs JSON lines that carry the ids an operator searches by:
the id of the request that enqueued the task, the organization and the task's own id and
name, on the lines the task's code writes and on the `task` line that ends it; never a
person's name or e-mail address."""

from __future__ import annotations

import json

import pytest

from plms.privacy.models import PersonalDataExport
from tests.conftest import in_org
from tests.factories import EmployeeFactory, OrganizationFactory
from tests.workflows.realworld import Worker, free_port, wait_for
from tests.workflows.test_reliability import broker  # noqa: F401 (fixture)

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True),
]

EXPORT_TASK = "plms.privacy.tasks.build_personal_data_export"
PURGE_TASK = "plms.integrations.tasks.purge_webhook_history_of"


def _lines(worker: Worker) -> list[dict]:
    return [
        json.loads(line) for line in worker.log.read_text().splitlines() if line.startswith("{")
    ]


def _ready(organization) -> bool:
    with in_org(organization):
        return PersonalDataExport.objects.filter(status="ready").exists()


def test_a_workers_json_lines_carry_the_request_organization_and_task(
    tmp_path,
    broker,  # noqa: F811
    make_key_client,
):
    from plms.integrations.tasks import purge_webhook_history_of

    organization = OrganizationFactory(slug="worker-logs")
    person = EmployeeFactory(organization=organization, last_name="Quillfeather")
    worker = Worker(
        broker=broker,
        smtp_port=free_port(),
        logdir=tmp_path,
        DJANGO_SETTINGS_MODULE="tests.common.json_log_worker_settings",
    ).start()
    try:
        # A request enqueues a task: its id travels with the message to the worker.
        client = make_key_client(organization, ["privacy:read", "privacy:write"])
        response = client.post(
            f"/api/v1/employees/{person.uuid}/personal-data-exports",
            format="json",
            HTTP_X_REQUEST_ID="req-worker-logs-1",
        )
        assert response.status_code == 202, response.content
        # A task whose own code logs a line.
        purge_webhook_history_of.apply_async(
            kwargs={"organization_id": organization.pk},
            headers={"plms_request_id": "req-worker-logs-2"},
        )
        wait_for(
            lambda: (
                _ready(organization)
                and any(
                    line.get("task") == PURGE_TASK and line["message"] == "task"
                    for line in _lines(worker)
                )
            ),
            timeout=60,
            message=lambda: worker.log_tail(),
        )
    finally:
        worker.stop()
    lines = _lines(worker)
    for task, request_id in ((EXPORT_TASK, "req-worker-logs-1"), (PURGE_TASK, "req-worker-logs-2")):
        of_task = [line for line in lines if line.get("task") == task]
        (done,) = [line for line in of_task if line["message"] == "task"]
        assert done["state"] == "SUCCESS" and isinstance(done["duration_ms"], float)
        assert done["level"] == "INFO" and done["logger"] == "plms.task"
        for line in of_task:
            assert line["task_id"] == done["task_id"] and len(done["task_id"]) == 36
            assert line["request_id"] == request_id, line
            assert line["organization_id"] == organization.pk, line
    inside = [
        line for line in lines if line.get("task") == PURGE_TASK and line["message"] != "task"
    ]
    assert inside and inside[0]["logger"] == "plms.integrations.tasks"
    text = json.dumps(lines)
    assert person.email not in text and "Quillfeather" not in text
