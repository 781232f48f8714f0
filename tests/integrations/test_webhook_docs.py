"""Every webhook event is in the published contract (`x-webhooks` of the OpenAPI document) and
in docs/webhooks.md, the events of background work with an example payload."""

from __future__ import annotations

from pathlib import Path

import pytest
from drf_spectacular.generators import SchemaGenerator

from plms.integrations.webhooks import EVENT_EXAMPLES, EVENT_TYPES

DOCS = Path(__file__).resolve().parents[2] / "docs" / "webhooks.md"
ANNOUNCED = (
    "assessment_cycle.launched",
    "plan_build.finished",
    "job_role.assigned",
    "goal.status_changed",
    "workflow.milestone_due",
    "review_answers.submitted",
    "successor.nominated",
    "talent_pool.member_added",
    "potential_assessment.calibrated",
)


@pytest.mark.django_db
def test_the_schema_documents_every_event_with_an_example():
    hooks = SchemaGenerator().get_schema(request=None, public=True)["x-webhooks"]
    assert set(hooks) == set(EVENT_TYPES)
    for event_type in ANNOUNCED:
        body = hooks[event_type]["post"]["requestBody"]["content"]["application/json"]
        assert body["example"]["type"] == event_type
        assert body["example"]["data"] == EVENT_EXAMPLES[event_type]


def test_docs_webhooks_md_lists_every_event():
    text = DOCS.read_text()
    assert [t for t in EVENT_TYPES if f"`{t}`" not in text] == []
    assert all(f'"type": "{t}"' in text for t in ANNOUNCED)
