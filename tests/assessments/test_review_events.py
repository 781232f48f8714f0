"""Submitting an assessment whose rater was asked questions publishes `review_answers.submitted`
beside `assessment.submitted`. Webhooks deliver it signed in the usual envelope; a named rater's
event names the assessment and the rater, a pooled one (peers, reports about their manager)
names neither, nor anything that leads back to them, and no event carries the answers."""

from __future__ import annotations

import json

import pytest

from assessments.models import Assessment
from assessments.reviews import services as review_services
from assessments.services import raters as rater_services
from assessments.services import ratings as rating_services
from plms.integrations.models import OutboxEvent
from tests.assessments.conftest import actor_of
from tests.assessments.test_review_pages import _use_template
from tests.assessments.test_upward_reviews import (
    _answer,
    _upward_of,
    upward,  # noqa: F401 (fixture)
)
from tests.conftest import in_org
from tests.integrations.conftest import local_webhooks, receiver  # noqa: F401 (fixtures)
from tests.integrations.factories import WebhookSubscriptionFactory

pytestmark = pytest.mark.usefixtures("local_webhooks")
EVENTS = ["assessment.submitted", "review_answers.submitted"]


def _subscribe(world, receiver):  # noqa: F811
    WebhookSubscriptionFactory(organization=world.org, url=receiver.url, events=EVENTS)


def _delivered(receiver, event_type: str) -> list[tuple[dict, str]]:  # noqa: F811
    """(envelope, raw body) of each delivery of `event_type`, in the order received."""
    return [
        (json.loads(request.body), request.body.decode())
        for request in receiver.requests
        if request.headers["PLMS-Event"] == event_type
    ]


def _identity(member) -> list[str]:
    person = member.employee
    return [str(person.uuid), person.email, person.full_name]


def test_upward_answers_are_announced_without_the_rater(
    upward,  # noqa: F811
    receiver,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    _subscribe(upward, receiver)
    with django_capture_on_commit_callbacks(execute=True):
        _answer(upward, upward.employee, 4, "Right", "Clear priorities")
    with django_capture_on_commit_callbacks(execute=True):
        _answer(upward, upward.peer, 2, "Too few", "Shields us from noise")

    delivered = _delivered(receiver, "review_answers.submitted")
    assert len(delivered) == 2
    (first, first_body), (second, second_body) = delivered
    assert first["type"] == "review_answers.submitted"
    assert first["organization"] == str(upward.org.uuid)
    with in_org(upward.org):
        version = upward.cycle.review_template_version
        template = upward.cycle.review_template
    assert first["data"] == {
        "assessment": None,
        "cycle": str(upward.cycle.uuid),
        "employee": str(upward.manager.employee.uuid),
        "kind": "upward",
        "anonymous": True,
        "rater": None,
        "template": str(template.uuid),
        "template_version": version.number,
        "questions": 3,
        "answered": None,
        "respondents_shown": False,  # one of the two reports the cycle waits for
        "submitted_at": first["data"]["submitted_at"],
    }
    assert second["data"]["respondents_shown"] is True
    # Nothing in either event, nor in the assessments' own events, leads back to a report;
    # the answers' events do not even name the assessment (the API would show its rater).
    bodies = [body for _, body in delivered + _delivered(receiver, "assessment.submitted")]
    for rater in (upward.employee, upward.peer):
        for trace in _identity(rater):
            assert all(trace not in body for body in bodies), trace
        hidden = str(_upward_of(upward, rater).uuid)
        assert hidden not in first_body and hidden not in second_body
    for words in ("Clear priorities", "Shields us from noise", "Too few", "Right"):
        assert all(words not in body for body in bodies)
    with in_org(upward.org):
        rows = OutboxEvent.objects.filter(name="review_answers_submitted")
        assert {str(row.subject) for row in rows} == {str(upward.manager.employee.uuid)}


def test_a_named_raters_answers_name_the_assessment_and_the_rater(
    world,
    receiver,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    template = _use_template(world)
    _subscribe(world, receiver)
    theirs = world.assessment(rater=world.manager, kind="manager")
    with in_org(world.org):
        review_services.answers_save(
            actor=actor_of(world.manager),
            assessment=theirs,
            answers={"q-keep": "Calm calls", "q-change": "Plan ahead", "q-ready": "Now"},
        )
    with django_capture_on_commit_callbacks(execute=True):
        world.rate(world.manager, theirs, {0: 3, 1: 3, 2: 3}, submit=True)

    ((submitted, _),) = _delivered(receiver, "assessment.submitted")
    ((envelope, body),) = _delivered(receiver, "review_answers.submitted")
    assert submitted["data"]["id"] == str(theirs.uuid)
    data = envelope["data"]
    assert (data["assessment"], data["rater"]) == (
        str(theirs.uuid),
        str(world.manager.employee.uuid),
    )
    assert (data["kind"], data["anonymous"], data["employee"]) == (
        "manager",
        False,
        str(world.employee.employee.uuid),
    )
    assert (data["questions"], data["answered"], data["respondents_shown"]) == (4, 3, True)
    with in_org(world.org):
        template.refresh_from_db()
    assert (data["template"], data["template_version"]) == (str(template.uuid), template.version)
    assert data["submitted_at"] == submitted["data"]["submitted_at"]
    assert "Calm calls" not in body and "Plan ahead" not in body  # read through the API


def test_a_peers_answers_are_pooled_and_unnamed(
    world,
    receiver,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    _use_template(world)
    _subscribe(world, receiver)
    with in_org(world.org):
        (nominated,) = rater_services.peers_nominate(
            actor=world.system,
            cycle=world.cycle,
            employee=world.employee.employee,
            peers=[world.peer.employee],
        )
        rater_services.peer_nomination_decide(
            actor=world.system, assessment=nominated, approve=True
        )
        peer = Assessment.objects.select_related("cycle").get(pk=nominated.pk)
        review_services.answers_save(
            actor=actor_of(world.peer),
            assessment=peer,
            answers={"q-keep": "Peer words", "q-change": "Peer change"},
        )
    with django_capture_on_commit_callbacks(execute=True), in_org(world.org):
        rating_services.assessment_submit(actor=actor_of(world.peer), assessment=peer)

    ((envelope, body),) = _delivered(receiver, "review_answers.submitted")
    data = envelope["data"]
    assert (data["kind"], data["anonymous"], data["assessment"], data["rater"]) == (
        "peer",
        True,
        None,
        None,
    )
    assert data["answered"] is None and data["respondents_shown"] is False  # 1 of min 2
    for trace in [*_identity(world.peer), str(peer.uuid), "Peer words"]:
        assert trace not in body, trace


def test_no_questions_asked_no_answers_event(world, receiver, django_capture_on_commit_callbacks):  # noqa: F811
    _subscribe(world, receiver)
    world.launch()  # the capability ratings alone: no template
    own = world.assessment(rater=world.employee, kind="self")
    with django_capture_on_commit_callbacks(execute=True):
        world.rate(world.employee, own, {0: 3, 1: 3, 2: 3}, submit=True)
    assert len(_delivered(receiver, "assessment.submitted")) == 1
    assert _delivered(receiver, "review_answers.submitted") == []
    with in_org(world.org):
        assert not OutboxEvent.objects.filter(name="review_answers_submitted").exists()
