"""The review API: review-templates (admin writes, versions, validation per field), an
assessment's answers (the rater writes; required questions on submit), review-answers; the
lists read a constant number of queries; another organisation's templates are 404."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments.reviews import services as review_services
from assessments.services import cycles as cycle_services
from tests.assessments.test_review_pages import _submit_everything, _use_template
from tests.assessments.test_review_templates import sections
from tests.conftest import in_org


def _body(name="Annual"):
    return {"name": name, "description": "Yearly", "sections": sections()}


def test_hr_creates_and_changes_a_template_members_cannot(world, api_client):
    api_client.force_login(world.employee.user)
    assert api_client.post("/api/v1/review-templates", _body(), format="json").status_code == 403
    api_client.force_login(world.hr.user)
    created = api_client.post("/api/v1/review-templates", _body(), format="json")
    assert created.status_code == 201, created.json()
    template = created.json()
    assert template["version"] == 1 and len(template["sections"]) == 5
    bad = api_client.patch(
        f"/api/v1/review-templates/{template['id']}",
        {"sections": [{"kind": "open", "rater_kinds": ["self"], "questions": [{"text": ""}]}]},
        format="json",
    )
    assert bad.status_code == 400 and "sections.0.questions.0.text" in bad.json()["fields"]
    unknown = api_client.post("/api/v1/review-templates", {**_body(), "colour": 1}, format="json")
    assert unknown.status_code == 400
    changed = api_client.patch(
        f"/api/v1/review-templates/{template['id']}", {"name": "Annual v2"}, format="json"
    )
    assert changed.json()["version"] == 2
    versions = api_client.get(f"/api/v1/review-templates/{template['id']}/versions").json()
    assert [v["number"] for v in versions["results"]] == [2, 1]


def test_a_cycle_names_its_template_and_keeps_the_version(world, api_client):
    with in_org(world.org):
        template = review_services.review_template_create(
            actor=world.system, name="T", sections=sections()
        )
    api_client.force_login(world.hr.user)
    url = f"/api/v1/assessment-cycles/{world.cycle.uuid}"
    patched = api_client.patch(url, {"review_template": str(template.uuid)}, format="json")
    assert patched.status_code == 200 and patched.json()["review_template_version"] is None
    world.launch()
    with in_org(world.org):
        review_services.review_template_update(actor=world.system, template=template, name="T2")
    assert api_client.get(url).json()["review_template_version"] == 1


def test_the_rater_answers_over_the_api(world, api_client):
    _use_template(world)
    own = world.assessment(rater=world.employee, kind="self")
    api_client.force_login(world.employee.user)
    url = f"/api/v1/assessments/{own.uuid}/answers"
    listed = api_client.get(url).json()
    assert [r["question"] for r in listed["results"]] == [
        "q-keep",
        "q-change",
        "q-collab",
        "q-goals",
    ]
    refused = api_client.put(
        url, {"answers": [{"question": "q-collab", "value": 7}]}, format="json"
    )
    assert refused.status_code == 400 and refused.json()["fields"] == {
        "q-collab": ["Choose a level from 1 to 5."]
    }
    saved = api_client.put(
        url, {"answers": [{"question": "q-keep", "value": "Listening"}]}, format="json"
    )
    assert {r["question"]: r["answer"] for r in saved.json()}["q-keep"] == "Listening"
    submitted = api_client.post(f"/api/v1/assessments/{own.uuid}/submit")
    assert submitted.status_code == 400 and submitted.json()["code"] == "incomplete"
    assert "q-change" in submitted.json()["fields"]
    api_client.force_login(world.manager.user)
    assert api_client.put(url, {"answers": []}, format="json").status_code in (400, 404)


def test_another_organizations_template_is_404(world, api_client):
    with in_org(world.org):
        template = review_services.review_template_create(actor=world.system, name="T")
    api_client.force_login(world.outsider.user)
    assert api_client.get(f"/api/v1/review-templates/{template.uuid}").status_code == 404


def test_template_list_queries_do_not_grow(world, key_client_a):
    key_client_a.post("/api/v1/review-templates", _body("First"), format="json")
    key_client_a.get("/api/v1/review-templates")
    with CaptureQueriesContext(connection) as small:
        key_client_a.get("/api/v1/review-templates")
    for n in range(3):
        key_client_a.post("/api/v1/review-templates", _body(f"T{n}"), format="json")
    with CaptureQueriesContext(connection) as large:
        assert len(key_client_a.get("/api/v1/review-templates").json()["results"]) == 4
    assert len(small) == len(large)


def test_review_answers_list_queries_do_not_grow(world, api_client):
    _use_template(world)
    api_client.force_login(world.hr.user)
    params = {"employee": str(world.employee.employee.uuid), "cycle": str(world.cycle.uuid)}
    api_client.get("/api/v1/review-answers", params)
    with CaptureQueriesContext(connection) as before:
        empty = api_client.get("/api/v1/review-answers", params).json()
    assert not any(row["named"] for row in empty["results"])
    _submit_everything(world, peers=2)
    with CaptureQueriesContext(connection) as after:
        full = api_client.get("/api/v1/review-answers", params).json()
    assert any(row["named"] for row in full["results"])
    assert any(p["comments"] for row in full["results"] for p in row["pooled"])
    assert len(before) == len(after)


def test_review_answers_filters_are_checked(world, api_client):
    api_client.force_login(world.hr.user)
    assert api_client.get("/api/v1/review-answers").status_code == 400
    bad = api_client.get(
        "/api/v1/review-answers",
        {"employee": "nope", "kind": "boss", "cycle": "x", "colour": "red"},
    )
    assert bad.status_code == 400 and set(bad.json()["fields"]) == {"colour"}
    assert api_client.get(
        "/api/v1/review-answers", {"employee": "nope", "kind": "boss", "cycle": "x"}
    ).json()["fields"].keys() == {"employee", "kind", "cycle"}
    api_client.force_login(world.peer.user)  # not the employee's results to read
    assert (
        api_client.get(
            "/api/v1/review-answers", {"employee": str(world.employee.employee.uuid)}
        ).status_code
        == 404
    )


def test_cycle_update_over_the_api_refuses_a_template_after_launch(world, api_client):
    with in_org(world.org):
        template = review_services.review_template_create(actor=world.system, name="T")
        cycle_services.cycle_update(actor=world.system, cycle=world.cycle, review_template=template)
        other = review_services.review_template_create(actor=world.system, name="U")
    world.launch()
    api_client.force_login(world.hr.user)
    refused = api_client.patch(
        f"/api/v1/assessment-cycles/{world.cycle.uuid}",
        {"review_template": str(other.uuid)},
        format="json",
    )
    assert refused.status_code == 409 and refused.json()["code"] == "cycle_not_draft"
