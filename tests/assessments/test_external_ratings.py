"""External ratings: integrators import levels rated in other systems (`ratings:import`);
they count as expert ratings where a cycle weights experts, are shown with their source,
audited, and a key still may not rate on a person's behalf."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from assessments.models import ConsolidatedLevel
from assessments.services import cycles as cycle_services
from plms.audit.models import AuditEvent
from tests.conftest import in_org

URL = "/api/v1/external-ratings"


def _body(world, **changes):
    return {
        "external_id": "SK-881",
        "employee": str(world.employee.employee.uuid),
        "capability": str(world.capabilities[2].uuid),
        "level": 4,
        "rated_on": "2027-02-15",
        "source": "SkillCheck assessment platform",
        "evidence_url": "https://skillcheck.example/results/881",
        **changes,
    }


def test_importing_is_idempotent_and_needs_the_import_scope(world, make_key_client):
    importer = make_key_client(world.org, ["ratings:import", "ratings:read"])
    first = importer.post(URL, _body(world), format="json")
    assert first.status_code == 201, first.json()
    body = first.json()
    assert (body["external_id"], body["level"], body["rated_on"]) == ("SK-881", 4, "2027-02-15")
    assert body["source"] == "SkillCheck assessment platform"
    again = importer.post(URL, _body(world, level=2), format="json")
    assert again.status_code == 200 and again.json()["id"] == body["id"]
    assert again.json()["level"] == 4  # the rating recorded first stands
    assert importer.get(URL).json()["count"] == 1

    reader = make_key_client(world.org, ["ratings:read"])
    assert reader.post(URL, _body(world, external_id="X"), format="json").status_code == 403
    writer = make_key_client(world.org, ["assessments:write"])
    assert writer.post(URL, _body(world, external_id="Y"), format="json").status_code == 403

    out = importer.post(URL, _body(world, external_id="Z", level=9), format="json")
    assert out.status_code == 400 and out.json()["code"] == "level_out_of_scale"
    with in_org(world.org):
        imported = AuditEvent.objects.get(action="external_rating.imported")
    # The history reads the day as the rest of the product writes it.
    assert imported.changes["external_rating"]["after"].endswith(
        "from SkillCheck assessment platform on 15 Feb 2027"
    )


def test_a_key_may_not_rate_on_a_persons_behalf(world, key_client_a):
    world.launch()
    assessment = world.assessment(rater=world.manager, kind="manager")
    body = {"ratings": [{"capability": str(world.capabilities[0].uuid), "level": 3}]}
    response = key_client_a.put(
        f"/api/v1/assessments/{assessment.uuid}/ratings", body, format="json"
    )
    assert response.status_code == 403 and response.json()["code"] == "rating_on_behalf"
    submitted = key_client_a.post(f"/api/v1/assessments/{assessment.uuid}/submit")
    assert submitted.status_code == 403 and submitted.json()["code"] == "rating_on_behalf"


def test_an_external_rating_is_consolidated_as_an_expert_rating_and_shown_with_its_source(
    world, key_client_a, client
):
    assert key_client_a.post(URL, _body(world), format="json").status_code == 201
    world.launch()
    world.rate(
        world.employee,
        world.assessment(rater=world.employee, kind="self"),
        {0: 2, 1: 3, 2: None},
        submit=True,
    )
    with in_org(world.org):
        cycle_services.cycle_close(actor=world.system, cycle=world.cycle)
        level = ConsolidatedLevel.objects.get(
            employee=world.employee.employee, capability=world.capabilities[2]
        )
    # negotiation: not observed by the employee, so the external rating alone
    assert level.level == Decimal("4.00")
    assert len(level.contributions["expert"]["attested"]) == 1
    client.force_login(world.employee.user)
    html = client.get(
        reverse("assessments:results", args=[world.employee.employee.uuid])
    ).content.decode()
    assert "rated in SkillCheck assessment platform" in html

    # The same source in the gaps API and on the calibration page.
    gaps = key_client_a.get(f"/api/v1/employees/{world.employee.employee.uuid}/gaps").json()
    sources = {row["capability_key"]: row["external_sources"] for row in gaps["gaps"]}
    assert sources[world.capabilities[2].key] == ["SkillCheck assessment platform"]
    assert sources[world.capabilities[0].key] == []
    client.force_login(world.hr.user)
    page = client.get(reverse("assessments:consolidated_adjust", args=[level.uuid]))
    assert page.status_code == 200
    assert "rated in SkillCheck assessment platform" in page.content.decode()
    assert "passed exam" not in page.content.decode()


def test_members_do_not_see_external_ratings(world, key_client_a, key_client_b, client):
    created = key_client_a.post(URL, _body(world), format="json").json()
    client.force_login(world.employee.user)
    assert client.get(URL).status_code == 403
    assert key_client_b.get(f"{URL}/{created['id']}").status_code == 404


@pytest.mark.parametrize("query", ["employee=", "employee=not-an-id", "capability="])
def test_a_malformed_filter_is_a_400_not_the_whole_list(world, key_client_a, query):
    key_client_a.post(URL, _body(world), format="json")
    response = key_client_a.get(f"{URL}?{query}")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
