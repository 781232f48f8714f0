"""Potential with described criteria (the shipped default, or the organisation's own),
calibrated by HR; the 9-box from performance (results against targets) x potential, with
named boxes, drill-down and movement since the previous cycle; potential stays confidential."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from assessments.models import Assessment
from plms.audit.models import AuditEvent
from plms.common.errors import ApplicationError, PermissionDenied
from talent import nine_box, selectors, services
from talent.potential import DEFAULT_CRITERIA, level_from_scores
from tests.assessments.factories import AssessmentFactory
from tests.conftest import in_org
from tests.factories import DepartmentFactory
from tests.talent.conftest import actor_of
from tests.talent.factories import PotentialAssessmentFactory, PotentialCriterionFactory

HIGH = {c.key: 3 for c in DEFAULT_CRITERIA}
MEDIUM = {**HIGH, "drive": 2, "breadth": 1, "learning-agility": 2}  # mean 2


def test_the_shipped_criteria_until_the_organisation_has_its_own(careers):
    with in_org(careers.org):
        assert [c.key for c in selectors.potential_criteria()] == [
            "learning-agility",
            "drive",
            "leading-others",
            "breadth",
        ]
        assert all(c.low and c.medium and c.high for c in selectors.potential_criteria())
        PotentialCriterionFactory(organization=careers.org, key="ambition", name="Ambition")
        assert [c.key for c in selectors.potential_criteria()] == ["ambition"]
    assert level_from_scores({"a": 3, "b": 2}) == 3 and level_from_scores({"a": 1, "b": 2}) == 2


def test_managers_assess_hr_calibrates_and_nobody_assesses_themselves(careers):
    employee = careers.employee.employee
    with in_org(careers.org):
        assessment = services.potential_assess(
            actor=actor_of(careers.manager), employee=employee, scores=MEDIUM, cycle=careers.q4
        )
        assert assessment.level == 2 and assessment.effective_level == 2
        with pytest.raises(ApplicationError) as missing:
            services.potential_assess(
                actor=actor_of(careers.manager), employee=employee, scores={"drive": 3}
            )
        assert set(missing.value.fields) == {"learning-agility", "leading-others", "breadth"}
        for who in (careers.employee, careers.peer):
            with pytest.raises(PermissionDenied):
                services.potential_assess(actor=actor_of(who), employee=employee, scores=HIGH)
        with pytest.raises(PermissionDenied):
            services.potential_calibrate(
                actor=actor_of(careers.manager), assessment=assessment, level=3, reason="Sure"
            )
        with pytest.raises(ApplicationError):
            services.potential_calibrate(
                actor=actor_of(careers.hr), assessment=assessment, level=3, reason=" "
            )
        services.potential_calibrate(
            actor=actor_of(careers.hr), assessment=assessment, level=3, reason="Led the launch"
        )
        assert assessment.effective_level == 3
        assert selectors.potential_levels(employee_ids=[employee.pk]) == {employee.pk: 3}


def test_the_nine_box_places_names_drills_down_and_shows_movement(careers, client):
    employee, peer = careers.employee.employee, careers.peer.employee
    with in_org(careers.org):
        # The peer: results in Q4 at target (high performance); potential typed by the manager
        # in the Q4 assessment (the behaviour before potential had criteria).
        careers.assess(peer, careers.q4, {"communication": 3, "coaching": 3})
        AssessmentFactory(
            organization=careers.org,
            cycle=careers.q4,
            employee=peer,
            rater=careers.manager.employee,
            kind=Assessment.Kind.MANAGER,
            status=Assessment.Status.SUBMITTED,
            performance=3,
            potential=3,
        )
        # The employee: Q3 gaps 1 and 2 (low) with low potential; Q4 gaps 0 and 1 (medium) with
        # a medium potential: moved from "Underperformer" to "Core player".
        PotentialAssessmentFactory(
            organization=careers.org, employee=employee, cycle=careers.q3, level=1
        )
        PotentialAssessmentFactory(
            organization=careers.org, employee=employee, cycle=careers.q4, level=2
        )
        view = nine_box.nine_box()
        named = {
            b["name"]: [p.full_name for p in nine_box.box_people(view, key=b["key"], limit=10)]
            for row in view.boxes
            for b in row
        }
        moves = view.moves[0:10]
    assert named["Core player"] == [employee.full_name]
    assert named["Future leader"] == [peer.full_name]
    assert {b["name"]: b["count"] for row in view.boxes for b in row if b["count"]} == {
        "Core player": 1,
        "Future leader": 1,
    }
    assert [(m["employee"], m["from"], m["to"], m["up"]) for m in moves] == [
        (employee, "Underperformer", "Core player", True)
    ]
    client.force_login(careers.hr.user)
    page = client.get("/talent/nine-box/", {"box": "2-2"}).content.decode()
    assert "Core player" in page and employee.full_name in page
    assert "Moved since Q3 2026" in page
    client.force_login(careers.manager.user)
    assert client.get("/talent/nine-box/").status_code == 403


def test_potential_is_confidential_and_its_reads_are_audited(careers, key_client_a):
    with in_org(careers.org):
        assessment = services.potential_assess(
            actor=actor_of(careers.manager),
            employee=careers.employee.employee,
            scores=HIGH,
            cycle=careers.q4,
        )
    url = f"/api/v1/potential-assessments/{assessment.uuid}"
    for who in (careers.employee, careers.peer, careers.manager, careers.outsider):
        client = APIClient()
        client.force_login(who.user)
        assert client.get("/api/v1/potential-assessments").json()["results"] == []
        assert client.get(url).status_code == 404
        assert (
            client.post(f"{url}/calibrate", {"level": 1, "reason": "x"}, format="json").status_code
            == 404
        )
    peer = APIClient()
    peer.force_login(careers.peer.user)
    assert (
        peer.get(f"/talent/people/{careers.employee.employee.uuid}/potential/").status_code == 404
    )
    hr = APIClient()
    hr.force_login(careers.hr.user)
    assert hr.get(url).json()["effective_level"] == 3
    calibrated = hr.post(f"{url}/calibrate", {"level": 2, "reason": "Calibration"}, format="json")
    assert calibrated.json()["effective_level"] == 2
    assert len(key_client_a.get("/api/v1/potential-assessments").json()["results"]) == 1
    with in_org(careers.org):
        assert AuditEvent.objects.filter(action="potential.read").count() == 2
    created = APIClient()
    created.force_login(careers.manager.user)
    response = created.post(
        "/api/v1/potential-assessments",
        {"employee": str(careers.peer.employee.uuid), "scores": MEDIUM},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["level"] == 2


def test_the_potential_page_records_scores(careers, client):
    client.force_login(careers.manager.user)
    url = f"/talent/people/{careers.employee.employee.uuid}/potential/"
    page = client.get(url).content.decode()
    assert "Learning agility" in page and "Seeks the unfamiliar" in page
    assert client.post(url, {**HIGH, "note": "Ready"}).status_code == 302
    with in_org(careers.org):
        assert selectors.potential_levels(employee_ids=[careers.employee.employee.pk]) == {
            careers.employee.employee.pk: 3
        }
    client.force_login(careers.employee.user)
    assert client.get(url).status_code == 404


def test_the_nine_box_filters_by_department(careers, client):
    employee, peer = careers.employee.employee, careers.peer.employee
    with in_org(careers.org):
        careers.assess(peer, careers.q4, {"communication": 3, "coaching": 3})
        PotentialAssessmentFactory(
            organization=careers.org, employee=peer, cycle=careers.q4, level=3
        )
        PotentialAssessmentFactory(
            organization=careers.org, employee=employee, cycle=careers.q4, level=2
        )
        sales = DepartmentFactory(organization=careers.org, name="Sales")
        peer.department = sales
        peer.save(update_fields=["department"])
    client.force_login(careers.hr.user)
    page = client.get("/talent/nine-box/", {"box": "2-2"}).content.decode()
    assert "All departments" in page and employee.full_name in page
    page = client.get("/talent/nine-box/", {"box": "2-2", "department": str(sales.uuid)})
    assert employee.full_name not in page.content.decode()
    page = client.get("/talent/nine-box/", {"box": "3-3", "department": str(sales.uuid)})
    assert peer.full_name in page.content.decode()
