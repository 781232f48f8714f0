"""Upward reviews: reports review their manager, anonymously. Only the rater ever sees an
upward assessment; the manager (and their managers) see the pooled aggregate once enough
reports submitted, HR the per-question distribution; below the minimum nothing shows, on
pages, in the export or over the API, whatever filters are combined. Weighted, the reports'
ratings feed the manager's consolidated levels."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from assessments.models import Assessment, ConsolidatedLevel
from assessments.reviews import services as review_services
from assessments.selectors.cycles import cycle_close_consequences
from assessments.services import cycles as cycle_services
from plms.people.models import Employee
from tests.assessments.conftest import actor_of
from tests.capabilities.factories import RoleAssignmentFactory
from tests.conftest import in_org
from tests.factories import member

UPWARD_SECTIONS = [
    {"kind": "capabilities", "rater_kinds": ["self", "manager", "upward"], "required": True},
    {
        "kind": "rating",
        "title": "Support",
        "rater_kinds": ["upward"],
        "required": True,
        "questions": [
            {"key": "q-obstacles", "text": "How well does your manager remove obstacles?"}
        ],
    },
    {
        "kind": "choice",
        "title": "Meetings",
        "rater_kinds": ["upward"],
        "required": True,
        "questions": [
            {
                "key": "q-one-to-one",
                "text": "Your one-to-ones are",
                "options": ["Too few", "Right", "Too many"],
            }
        ],
    },
    {
        "kind": "open",
        "title": "In your words",
        "rater_kinds": ["upward"],
        "required": False,
        "questions": [{"key": "q-words", "text": "What should your manager keep doing?"}],
    },
]


@pytest.fixture
def upward(world):
    """The manager holds the role (so is in scope) and is reviewed by their two reports, the
    employee and the peer; a non-admin director manages the manager."""
    director = member(world.org, email="director@a.example", title="Director")
    with in_org(world.org):
        Employee.objects.filter(pk=world.manager.employee.pk).update(manager=director.employee)
        RoleAssignmentFactory(
            organization=world.org, employee=world.manager.employee, role=world.role
        )
        template = review_services.review_template_create(
            actor=world.system, name="Upward", sections=UPWARD_SECTIONS
        )
        cycle_services.cycle_update(
            actor=world.system,
            cycle=world.cycle,
            review_template=template,
            upward_reviews=True,
            min_upward=2,
        )
    world.launch()
    world.director = director
    return world


def _upward_of(world, rater) -> Assessment:
    with in_org(world.org):
        return Assessment.objects.select_related("cycle").get(
            cycle=world.cycle, rater=rater.employee, kind="upward"
        )


def _answer(world, rater, level, choice, words=""):
    assessment = _upward_of(world, rater)
    with in_org(world.org):
        review_services.answers_save(
            actor=actor_of(rater),
            assessment=assessment,
            answers={"q-obstacles": level, "q-one-to-one": choice, "q-words": words},
        )
    world.rate(rater, assessment, {0: level, 1: level, 2: level}, submit=True)


def _close(world):
    with in_org(world.org):
        open_ones = cycle_close_consequences(cycle=world.cycle).unsubmitted
        cycle_services.cycle_close(
            actor=world.system,
            cycle=world.cycle,
            confirmed_unsubmitted=open_ones,
            reason="Closing on time.",
        )


def test_reports_are_asked_to_review_their_manager(upward):
    with in_org(upward.org):
        rows = sorted(
            (a.employee.email, a.rater.email)
            for a in Assessment.objects.filter(kind="upward").select_related("employee", "rater")
        )
    assert rows == [
        ("manager@a.example", "employee@a.example"),
        ("manager@a.example", "peer@a.example"),
    ]


def test_only_the_rater_sees_an_upward_assessment(upward, client, api_client):
    _answer(upward, upward.employee, 4, "Right", "Clear priorities")
    assessment = _upward_of(upward, upward.employee)
    form = reverse("assessments:assessment_form", args=[assessment.uuid])
    client.force_login(upward.employee.user)
    html = client.get(form).content.decode()
    assert "How well does your manager remove obstacles?" in html
    assert "never sees your review on its own" in html
    for other in (upward.manager, upward.director, upward.hr, upward.peer):
        client.force_login(other.user)
        assert client.get(form).status_code == 404, other.user.email
        api_client.force_login(other.user)
        assert api_client.get(f"/api/v1/assessments/{assessment.uuid}").status_code == 404
        assert api_client.get(f"/api/v1/assessments/{assessment.uuid}/answers").status_code == 404
        listed = api_client.get(
            "/api/v1/assessments",
            {"kind": "upward", "employee": str(upward.manager.employee.uuid)},
        ).json()
        assert str(assessment.uuid) not in str(listed["results"]), other.user.email
    api_client.force_login(upward.employee.user)
    own = api_client.get(f"/api/v1/assessments/{assessment.uuid}/answers").json()
    assert {row["question"]: row["answer"] for row in own["results"]}["q-words"] == (
        "Clear priorities"
    )


def test_manager_sees_the_aggregate_and_hr_the_distribution(upward, client, api_client):
    _answer(upward, upward.employee, 4, "Right", "Clear priorities")
    _answer(upward, upward.peer, 2, "Too few", "Shields us from noise")
    _close(upward)
    url = reverse("assessments:results", args=[upward.manager.employee.uuid])
    client.force_login(upward.manager.user)
    mine = client.get(url).content.decode()
    assert "mean 3 from 2 answers" in mine and "level 2: 1" not in mine
    assert "Shields us from noise" in mine and "Clear priorities" in mine
    assert "Too few: 1" not in mine
    assert "employee@a.example" not in mine and "peer@a.example" not in mine
    client.force_login(upward.hr.user)
    hr = client.get(url).content.decode()
    assert "mean 3 from 2 answers (level 2: 1, level 4: 1)" in hr
    assert "Too few: 1, Right: 1, Too many: 0" in hr
    params = {"employee": str(upward.manager.employee.uuid), "kind": "upward"}
    api_client.force_login(upward.manager.user)
    rows = {
        r["question"]: r for r in api_client.get("/api/v1/review-answers", params).json()["results"]
    }
    pool = rows["q-obstacles"]["pooled"][0]
    assert pool["respondents_shown"] and pool["mean"] == 3 and pool["levels"] is None
    assert rows["q-one-to-one"]["pooled"][0]["choices"] is None
    api_client.force_login(upward.hr.user)
    rows = {
        r["question"]: r for r in api_client.get("/api/v1/review-answers", params).json()["results"]
    }
    assert rows["q-obstacles"]["pooled"][0]["levels"] == {"2": 1, "4": 1}
    assert rows["q-one-to-one"]["pooled"][0]["choices"] == {"Too few": 1, "Right": 1, "Too many": 0}


def test_nothing_upward_shows_below_the_minimum_whatever_the_filters(upward, client, api_client):
    _answer(upward, upward.employee, 4, "Right", "Clear priorities")  # one of two reports
    _close(upward)
    manager_id = str(upward.manager.employee.uuid)
    for viewer in (upward.manager, upward.director, upward.hr):
        client.force_login(viewer.user)
        html = client.get(reverse("assessments:results", args=[manager_id])).content.decode()
        assert "Clear priorities" not in html and "too few reports" in html, viewer.user.email
        api_client.force_login(viewer.user)
        for params in (
            {"employee": manager_id},
            {"employee": manager_id, "kind": "upward"},
            {"employee": manager_id, "kind": "upward", "cycle": str(upward.cycle.uuid)},
            {"employee": manager_id, "cycle": str(upward.cycle.uuid)},
        ):
            body = api_client.get("/api/v1/review-answers", params).json()
            pools = [p for r in body["results"] for p in r["pooled"] if p["kind"] == "upward"]
            assert pools and all(not p["respondents_shown"] for p in pools), params
            assert all(
                p["count"] is None and p["mean"] is None and not p["comments"] for p in pools
            )
            assert "Clear priorities" not in str(body)
        assert (
            api_client.get(
                "/api/v1/assessments", {"kind": "upward", "cycle": str(upward.cycle.uuid)}
            ).json()["results"]
            == []
        )
    client.force_login(upward.hr.user)
    export = client.get(reverse("assessments:cycle_answers_export", args=[upward.cycle.uuid]))
    rows = list(csv.DictReader(io.StringIO(export.content.decode())))
    assert not [r for r in rows if r["rater_kind"] == "upward"]


def test_upward_ratings_feed_the_managers_levels_when_weighted(world):
    with in_org(world.org):
        RoleAssignmentFactory(
            organization=world.org, employee=world.manager.employee, role=world.role
        )
        template = review_services.review_template_create(
            actor=world.system, name="Upward", sections=UPWARD_SECTIONS[:1]
        )
        cycle_services.cycle_update(
            actor=world.system,
            cycle=world.cycle,
            review_template=template,
            weight_self=50,
            weight_manager=0,
            weight_peer=0,
            weight_expert=0,
            weight_upward=50,
            min_upward=2,
        )
        world.cycle.refresh_from_db()
        assert world.cycle.upward_reviews  # weighting upward ratings asks for them
    world.launch()
    own = world.assessment(rater=world.manager, kind="self", employee=world.manager)
    world.rate(world.manager, own, {0: 2, 1: 2, 2: 2}, submit=True)
    for rater in (world.employee, world.peer):
        world.rate(rater, _upward_of(world, rater), {0: 4, 1: 4, 2: 4}, submit=True)
    _close(world)
    with in_org(world.org):
        level = ConsolidatedLevel.objects.get(
            employee=world.manager.employee, capability=world.capabilities[0]
        )
    assert float(level.level) == 3.0
    assert level.contributions["upward"]["ratings"] == 2


def test_rater_analytics_never_name_an_upward_rater(upward):
    from assessments import fairness

    _answer(upward, upward.employee, 4, "Right", "Clear priorities")
    _answer(upward, upward.peer, 2, "Too few")
    with in_org(upward.org):
        names = [row["name"] for row in fairness.rater_analytics(cycle=upward.cycle)["raters"]]
    assert upward.employee.employee.full_name not in names
    assert upward.peer.employee.full_name not in names


def test_below_the_minimum_upward_answers_stay_out_of_calibration(upward, client):
    """The cycle's totals on calibration leave out a pool below its minimum: subtracting the
    pools HR may read from the totals would otherwise give the others away."""
    _answer(upward, upward.employee, 4, "Right", "Clear priorities")  # one of two reports
    _close(upward)
    client.force_login(upward.hr.user)
    html = client.get(reverse("assessments:calibration", args=[upward.cycle.uuid])).content
    html = html.decode()
    assert "Your one-to-ones are" in html
    assert "Right: 1" not in html and "mean 4" not in html
    assert "No answers" in html


def test_upward_ratings_below_the_minimum_do_not_move_the_managers_levels(world):
    with in_org(world.org):
        RoleAssignmentFactory(
            organization=world.org, employee=world.manager.employee, role=world.role
        )
        cycle_services.cycle_update(
            actor=world.system,
            cycle=world.cycle,
            weight_self=50,
            weight_manager=0,
            weight_peer=0,
            weight_expert=0,
            weight_upward=50,
            min_upward=2,
        )
    world.launch()
    own = world.assessment(rater=world.manager, kind="self", employee=world.manager)
    world.rate(world.manager, own, {0: 2, 1: 2, 2: 2}, submit=True)
    world.rate(world.employee, _upward_of(world, world.employee), {0: 5, 1: 5, 2: 5}, submit=True)
    _close(world)
    with in_org(world.org):
        level = ConsolidatedLevel.objects.get(
            employee=world.manager.employee, capability=world.capabilities[0]
        )
    assert float(level.level) == 2.0 and "upward" not in level.contributions


def test_the_export_lists_pooled_answers_by_question_never_by_respondent(upward, client):
    _answer(upward, upward.employee, 4, "Right", "Clear priorities")
    _answer(upward, upward.peer, 2, "Too few", "Shields us from noise")
    _close(upward)
    client.force_login(upward.hr.user)
    export = client.get(reverse("assessments:cycle_answers_export", args=[upward.cycle.uuid]))
    rows = [
        (r["question_key"], r["answer"], r["rater"])
        for r in csv.DictReader(io.StringIO(export.content.decode()))
        if r["rater_kind"] == "upward"
    ]
    keys = [key for key, _, _ in rows]
    assert keys == [key for key in ("q-obstacles", "q-one-to-one", "q-words") for _ in "ab"]
    for key in ("q-obstacles", "q-one-to-one", "q-words"):
        answers = [answer for k, answer, _ in rows if k == key]
        assert answers == sorted(answers)
    assert {rater for _, _, rater in rows} == {""}
