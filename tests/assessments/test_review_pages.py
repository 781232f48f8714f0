"""Review template pages: HR builds a template section by section; the rating form asks its
questions (and enforces the required ones); answers appear on results, the calibration
pages and the answers export, with peers pooled and withheld below the minimum."""

from __future__ import annotations

import csv
import io

from django.urls import reverse

from assessments.models import Assessment, ReviewTemplate
from assessments.reviews import services as review_services
from assessments.selectors.cycles import cycle_close_consequences
from assessments.services import cycles as cycle_services
from assessments.services import raters as rater_services
from assessments.services import ratings as rating_services
from tests.assessments.conftest import actor_of
from tests.assessments.conftest import count_queries as _count
from tests.assessments.conftest import grow_team as _grow_team
from tests.assessments.test_review_templates import sections
from tests.conftest import in_org
from tests.factories import EmployeeFactory, member


def _use_template(world):
    with in_org(world.org):
        template = review_services.review_template_create(
            actor=world.system, name="Annual review", sections=sections()
        )
        for section in template.sections:  # peers answer the open questions too
            if section["kind"] == "open":
                section["rater_kinds"] = ["self", "manager", "peer"]
        template = review_services.review_template_update(
            actor=world.system, template=template, sections=template.sections
        )
        cycle_services.cycle_update(actor=world.system, cycle=world.cycle, review_template=template)
    world.launch()
    return template


def test_hr_builds_a_template_on_pages(world, client):
    client.force_login(world.hr.user)
    listing = client.get(reverse("assessments:review_templates"))
    assert "No review templates yet" in listing.content.decode()
    created = client.post(reverse("assessments:review_templates"), {"name": "Upward and back"})
    assert created.status_code == 302
    with in_org(world.org):
        template = ReviewTemplate.objects.get(name="Upward and back")
    url = reverse("assessments:review_template_section", args=[template.uuid])
    assert client.get(url).status_code == 200
    refused = client.post(url, {"kind": "choice", "rater_kinds": ["self"], "questions": "Ready?"})
    assert refused.status_code == 200
    assert "Give 2 to 12 different options." in refused.content.decode()
    saved = client.post(
        url,
        {
            "kind": "choice",
            "title": "Readiness",
            "rater_kinds": ["manager"],
            "required": "on",
            "questions": "Ready for more?\nReady to lead?",
            "options": "Now\nLater",
        },
    )
    assert saved.status_code == 302
    edited = client.post(
        url,
        {
            "index": "1",
            "kind": "choice",
            "title": "Readiness",
            "rater_kinds": ["manager", "self"],
            "questions": "Ready for more?\nReady to lead a team?",
            "options": "Now\nLater",
        },
    )
    assert edited.status_code == 302
    with in_org(world.org):
        template.refresh_from_db()
    first, second = template.sections[1]["questions"]
    assert template.version == 3 and template.sections[1]["rater_kinds"] == ["self", "manager"]
    assert first["text"] == "Ready for more?" and second["text"] == "Ready to lead a team?"
    page = client.get(reverse("assessments:review_template", args=[template.uuid])).content
    html = page.decode()
    assert "Readiness" in html and "Now / Later" in html and "Version 3" in html
    assert "Capability ratings" in html  # a new template starts with the ratings


def test_members_cannot_open_template_pages(world, client):
    with in_org(world.org):
        template = review_services.review_template_create(actor=world.system, name="T")
    client.force_login(world.manager.user)
    for url in (
        reverse("assessments:review_templates"),
        reverse("assessments:review_template", args=[template.uuid]),
        reverse("assessments:review_template_section", args=[template.uuid]),
    ):
        assert client.get(url).status_code in (403, 404)


def test_other_organizations_templates_are_404(world, client):
    with in_org(world.org):
        template = review_services.review_template_create(actor=world.system, name="T")
    client.force_login(world.outsider.user)
    # The outsider is HR of nothing here: they see their own organisation's pages only.
    assert client.get(reverse("assessments:review_template", args=[template.uuid])).status_code in (
        403,
        404,
    )


def test_the_rating_form_asks_the_questions_and_enforces_the_required(world, client):
    _use_template(world)
    own = world.assessment(rater=world.employee, kind="self")
    client.force_login(world.employee.user)
    url = reverse("assessments:assessment_form", args=[own.uuid])
    html = client.get(url).content.decode()
    assert "What should they keep doing?" in html and "Looking back" in html
    assert 'name="answer-q-collab"' in html and "No answer" in html  # optional rating
    assert "Which goal taught you most?" in html
    assert "Ready for more responsibility?" not in html  # managers only
    data = {"action": "submit", "answer-q-keep": "Listening"}
    for capability in world.capabilities:
        data[f"level-{capability.uuid}"] = "3"
        data[f"evidence-{capability.uuid}"] = "Seen."
    refused = client.post(url, data)
    assert refused.status_code == 200
    body = refused.content.decode()
    assert "Answer every required question before submitting." in body
    assert 'href="#question-q-change"' in body and ">Listening</textarea>" in body
    data["answer-q-change"] = "Write things down"
    assert client.post(url, data).status_code == 302
    with in_org(world.org):
        own.refresh_from_db()
    assert own.status == "submitted"


def test_answers_autosave(world, client):
    _use_template(world)
    own = world.assessment(rater=world.employee, kind="self")
    client.force_login(world.employee.user)
    url = reverse("assessments:rating_autosave", args=[own.uuid])
    assert "Draft saved." in client.post(url, {"answer-q-collab": "4"}).content.decode()
    assert "Choose a level" in client.post(url, {"answer-q-collab": "9"}).content.decode()


def test_rating_form_queries_do_not_grow_with_questions(world, client):
    _use_template(world)
    theirs = world.assessment(rater=world.manager, kind="manager")
    client.force_login(world.manager.user)
    url = reverse("assessments:assessment_form", args=[theirs.uuid])
    small, _ = _count(client, url)
    _grow_team(world, 0, capabilities=3)
    large, response = _count(client, url)
    assert "Ready for more responsibility?" in response.content.decode()
    assert small == large


def _submit_everything(world, peers):
    """Self, both managers and `peers` peers answer and rate; the cycle closes."""
    levels = {0: 3, 1: 3, 2: 3}
    own = world.assessment(rater=world.employee, kind="self")
    with in_org(world.org):
        review_services.answers_save(
            actor=actor_of(world.employee),
            assessment=own,
            answers={"q-keep": "My listening", "q-change": "My notes"},
        )
    world.rate(world.employee, own, levels, submit=True)
    for boss in (world.manager, world.matrix):
        theirs = world.assessment(rater=boss, kind="manager")
        with in_org(world.org):
            review_services.answers_save(
                actor=actor_of(boss),
                assessment=theirs,
                answers={
                    "q-keep": f"Calm calls ({boss.employee.first_name})",
                    "q-change": "Plan ahead",
                    "q-ready": "Now",
                    "q-collab": 4,
                },
            )
        world.rate(boss, theirs, levels, submit=True)
    raters = [member(world.org, email=f"peer{i}@a.example") for i in range(peers)]
    with in_org(world.org):
        nominated = rater_services.peers_nominate(
            actor=world.system,
            cycle=world.cycle,
            employee=world.employee.employee,
            peers=[r.employee for r in raters],
        )
        for assessment in nominated:
            rater_services.peer_nomination_decide(
                actor=world.system, assessment=assessment, approve=True
            )
    for index, rater in enumerate(raters):
        with in_org(world.org):
            assessment = Assessment.objects.select_related("cycle").get(
                cycle=world.cycle, rater=rater.employee, kind="peer"
            )
            review_services.answers_save(
                actor=actor_of(rater),
                assessment=assessment,
                answers={
                    "q-keep": f"Peer words {index}",
                    "q-change": f"Peer change {index}",
                    "q-collab": 2 + index,
                },
            )
            rating_services.assessment_submit(actor=actor_of(rater), assessment=assessment)
    with in_org(world.org):
        open_ones = cycle_close_consequences(cycle=world.cycle).unsubmitted
        cycle_services.cycle_close(
            actor=world.system,
            cycle=world.cycle,
            confirmed_unsubmitted=open_ones,
            reason="The peer's own review waits for next cycle.",
        )


def test_results_show_answers_within_visibility(world, client):
    _use_template(world)
    _submit_everything(world, peers=2)
    url = reverse("assessments:results", args=[world.employee.employee.uuid])
    client.force_login(world.manager.user)
    html = client.get(url).content.decode()
    assert "Review answers, Q1 2027 competency review" in html
    assert "Calm calls" in html and "My listening" in html  # managers see named answers
    assert "Peer words 0" in html and "Peer words 1" in html
    assert "mean 2.5 from 2 answers" in html
    assert "peer0@a.example" not in html and "Peer 0" not in html
    client.force_login(world.employee.user)
    own = client.get(url).content.decode()
    assert "My listening" in own and "Peer words 0" in own
    assert "Calm calls" not in own  # a manager's assessment is not the employee's to read


def test_peer_answers_are_withheld_below_the_minimum(world, client):
    _use_template(world)
    _submit_everything(world, peers=1)
    client.force_login(world.hr.user)
    html = client.get(
        reverse("assessments:results", args=[world.employee.employee.uuid])
    ).content.decode()
    assert "too few peers answered" in html and "Peer words 0" not in html
    export = client.get(reverse("assessments:cycle_answers_export", args=[world.cycle.uuid]))
    rows = list(csv.DictReader(io.StringIO(export.content.decode())))
    assert rows and not [r for r in rows if r["rater_kind"] == "peer"]


def test_answers_export_and_calibration(world, client):
    _use_template(world)
    _submit_everything(world, peers=2)
    client.force_login(world.hr.user)
    export = client.get(reverse("assessments:cycle_answers_export", args=[world.cycle.uuid]))
    rows = list(csv.DictReader(io.StringIO(export.content.decode())))
    peers = [r for r in rows if r["rater_kind"] == "peer"]
    assert len(peers) == 6 and {r["rater"] for r in peers} == {""}
    named = {(r["rater_kind"], r["question_key"], r["answer"]) for r in rows}
    assert ("manager", "q-ready", "Now") in named and ("self", "q-keep", "My listening") in named
    calibration = client.get(
        reverse("assessments:calibration", args=[world.cycle.uuid])
    ).content.decode()
    assert "Ready for more responsibility?" in calibration and "Now: 2" in calibration
    with in_org(world.org):
        level = world.cycle.consolidated_levels.first()
    adjust = client.get(reverse("assessments:consolidated_adjust", args=[level.uuid]))
    assert "Calm calls" in adjust.content.decode()


def test_cycle_form_offers_the_templates(world, client):
    with in_org(world.org):
        template = review_services.review_template_create(actor=world.system, name="Yearly")
        EmployeeFactory(organization=world.org)
    client.force_login(world.hr.user)
    html = client.get(reverse("assessments:cycle_create")).content.decode()
    assert "Yearly" in html and str(template.uuid) in html
