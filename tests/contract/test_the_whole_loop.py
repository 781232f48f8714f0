"""The whole loop through the API only, as an integrator (an HRIS, an LMS, an assessment
platform) and the people who rate run it against a live server: provision people → assign
roles → adopt capabilities → launch a cycle → rate → import an external rating → close →
gaps → plans → an LMS completion, with every webhook received and its signature checked with
the recipe in docs/webhooks.md."""

from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from rest_framework.test import APIClient

from capabilities.catalogue.loader import catalogue_load
from plms.integrations.webhooks import EVENT_TYPES
from plms.tenancy.scopes import ALL_SCOPES
from plms.tenancy.services import api_key_create
from tests import factories

ROOT = Path(__file__).resolve().parents[2]


def _documented_verify_signature():
    """`verify_signature` exactly as docs/webhooks.md gives it to integrators."""
    text = (ROOT / "docs" / "webhooks.md").read_text()
    block = next(b for b in re.findall(r"```python\n(.*?)```", text, re.S) if "def verify" in b)
    namespace: dict = {}
    exec(compile(block, "docs/webhooks.md", "exec"), namespace)
    return namespace["verify_signature"]


class Receiver(BaseHTTPRequestHandler):
    received: list[tuple[dict, bytes]] = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        Receiver.received.append((dict(self.headers), body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def receiver():
    Receiver.received = []
    server = HTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/hooks", Receiver.received
    server.shutdown()


def _ok(response, status=(200, 201)):
    statuses = status if isinstance(status, tuple) else (status,)
    assert response.status_code in statuses, (response.status_code, response.content[:600])
    return response.json()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_whole_loop_through_the_api(live_server, settings, org_a, receiver):
    settings.PLMS_WEBHOOK_ALLOW_LOCAL_URLS = True
    catalogue_load()  # transactional tests before this one may have emptied it
    url, received = receiver
    _, secret = api_key_create(organization=org_a, name="integrator", scopes=ALL_SCOPES)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    v1 = "/api/v1"
    # The team lead rates in the browser session; her sign-in exists before the HRIS sync.
    lead = factories.member(org_a, email="lead@example.com", first_name="Lee")

    hook = _ok(api.post(f"{v1}/webhooks", {"url": url, "events": list(EVENT_TYPES)}, format="json"))

    # Adopt two capabilities and build a role that requires them.
    entries = _ok(api.get(f"{v1}/catalogue/capabilities", {"search": "communication"}))["results"]
    adopted = [
        _ok(api.post(f"{v1}/catalogue/capabilities/{e['key']}/adopt"), 201) for e in entries[:2]
    ]
    role = _ok(
        api.post(
            f"{v1}/job-roles",
            {
                "name": "Customer advisor",
                "key": "customer-advisor",
                "requirements": [{"capability": c["id"], "target_level": 4} for c in adopted],
            },
            format="json",
        ),
        201,
    )
    for capability in adopted:
        _ok(
            api.post(
                f"{v1}/learning-items",
                {
                    "title": f"{capability['name']} in practice",
                    "kind": "course",
                    "external_id": f"lms-{capability['key']}",
                    "duration_hours": "4.0",
                    "capabilities": [
                        {"capability": capability["id"], "level_from": 1, "level_to": 5}
                    ],
                },
                format="json",
            ),
            201,
        )

    # Provision people (the role by key) and assign a role on its own.
    synced = _ok(
        api.post(
            f"{v1}/employees/bulk-upsert",
            {
                "items": [
                    {"email": "lead@example.com", "first_name": "Lee", "external_id": "H-1"},
                    {
                        "email": "ada@example.com",
                        "first_name": "Ada",
                        "external_id": "H-2",
                        "manager_email": "lead@example.com",
                        "job_role": "customer-advisor",
                    },
                    {
                        "email": "bo@example.com",
                        "first_name": "Bo",
                        "external_id": "H-3",
                        "manager_email": "lead@example.com",
                    },
                ]
            },
            format="json",
        )
    )
    ada, bo = synced["items"][1]["id"], synced["items"][2]["id"]
    _ok(
        api.post(f"{v1}/job-role-assignments", {"employee": bo, "role": role["id"]}, format="json"),
        201,
    )
    assert _ok(api.get(f"{v1}/employees/{ada}"))["job_role"] == role["id"]

    # A cycle for the role, weighting experts (so the imported rating counts), launched.
    cycle = _ok(
        api.post(
            f"{v1}/assessment-cycles",
            {
                "name": "Q1 2027 review",
                "period_start": "2027-01-01",
                "period_end": "2027-03-31",
                "scope": "roles",
                "scope_ids": [role["id"]],
                "weights": {"self": 20, "manager": 70, "peer": 0, "expert": 10},
            },
            format="json",
        ),
        201,
    )
    _ok(api.post(f"{v1}/assessment-cycles/{cycle['id']}/launch"), (200, 202))

    # The lead rates Ada (a key may not: 403 rating_on_behalf).
    session = APIClient()
    session.force_login(lead.user)
    mine = _ok(session.get(f"{v1}/assessments", {"cycle": cycle["id"], "kind": "manager"}))
    ada_assessment = next(a for a in mine["results"] if a["employee"] == ada)
    ratings = {
        "ratings": [
            {"capability": c["id"], "level": 2, "evidence": "Seen in the March review."}
            for c in adopted
        ]
    }
    refused = api.put(f"{v1}/assessments/{ada_assessment['id']}/ratings", ratings, format="json")
    assert refused.status_code == 403 and refused.json()["code"] == "rating_on_behalf"
    _ok(session.put(f"{v1}/assessments/{ada_assessment['id']}/ratings", ratings, format="json"))
    _ok(session.post(f"{v1}/assessments/{ada_assessment['id']}/submit"))

    # An assessment platform's rating of Ada, imported.
    external = {
        "external_id": "SK-1",
        "employee": ada,
        "capability": adopted[0]["id"],
        "level": 5,
        "rated_on": "2027-02-15",
        "source": "SkillCheck",
        "evidence_url": "https://skillcheck.example/r/1",
    }
    _ok(api.post(f"{v1}/external-ratings", external, format="json"), 201)
    _ok(api.post(f"{v1}/external-ratings", external, format="json"), 200)

    # Close: levels consolidate, gaps appear, draft plans are built in the background.
    _ok(api.post(f"{v1}/assessment-cycles/{cycle['id']}/close"))
    gaps = {g["capability"]: g for g in _ok(api.get(f"{v1}/employees/{ada}/gaps"))["gaps"]}
    # manager 2 (70 %) and the external rating 5 (10 %): (70·2 + 10·5) / 80 = 2.38
    assert gaps[adopted[0]["id"]]["current_level"] == "2.38"
    assert gaps[adopted[1]["id"]]["current_level"] == "2.00"
    assert all(float(g["gap"]) > 0 for g in gaps.values())
    plans = _ok(api.get(f"{v1}/development-plans", {"employee": ada}))["results"]
    assert len(plans) == 1 and plans[0]["status"] == "draft"

    # The LMS reports a completion (idempotently).
    completion = {
        "employee_external_id": "H-2",
        "item_external_id": f"lms-{adopted[0]['key']}",
        "completed_at": "2027-04-10T09:00:00Z",
        "passed": True,
    }
    _ok(api.post(f"{v1}/learning-completions", completion, format="json"), 201)
    _ok(api.post(f"{v1}/learning-completions", completion, format="json"), 200)

    # Every event arrived signed; the documented recipe verifies each.
    verify_signature = _documented_verify_signature()
    secret_of_hook = hook["secret"]
    types = set()
    for headers, body in received:
        assert verify_signature(secret_of_hook, headers["PLMS-Signature"], body)
        assert not verify_signature("whsec_wrong", headers["PLMS-Signature"], body)
        envelope = json.loads(body)
        assert envelope["type"] == headers["PLMS-Event"]
        types.add(envelope["type"])
    assert {
        "employee.created",
        "job_role.assigned",
        "assessment_cycle.launched",
        "assessment.submitted",
        "assessment_cycle.closed",
        "plan_build.finished",
        "development_plan.created",
        "learning.completed",
    } <= types
