"""Feedback that names capabilities appears beside them on the rating form and the results,
only to those who may see the feedback: private feedback to the receiver, their managers and
HR; public praise to everyone."""

from __future__ import annotations

from django.urls import reverse

from assessments.models import Assessment
from assessments.services import raters as rater_services
from goals.feedback import services as feedback_services
from goals.models import FeedbackCapability
from tests.assessments.conftest import actor_of
from tests.conftest import in_org

PRIVATE = "Missed the escalation callback twice."
PUBLIC = "Calmed an angry customer on the phone."


def _feedback(world):
    with in_org(world.org):
        feedback_services.feedback_give(
            actor=actor_of(world.manager),
            receiver=world.employee.employee,
            observation=PRIVATE,
            kind="corrective",
            expectation="Call back within the day.",
            capabilities=[world.capabilities[1]],
        )
        feedback_services.feedback_give(
            actor=actor_of(world.matrix),
            receiver=world.employee.employee,
            observation=PUBLIC,
            visibility="public",
            capabilities=[world.capabilities[0], world.capabilities[1]],
        )


def _peer_assessment(world):
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
        return Assessment.objects.get(pk=nominated.pk)


def test_feedback_beside_capabilities_stays_within_its_visibility(world, client):
    world.launch()
    _feedback(world)
    peer = _peer_assessment(world)
    client.force_login(world.peer.user)
    html = client.get(reverse("assessments:assessment_form", args=[peer.uuid])).content.decode()
    assert PUBLIC in html and PRIVATE not in html
    theirs = world.assessment(rater=world.manager, kind="manager")
    client.force_login(world.manager.user)
    html = client.get(reverse("assessments:assessment_form", args=[theirs.uuid])).content.decode()
    assert PUBLIC in html and PRIVATE in html and "Call back within the day." in html
    own = world.assessment(rater=world.employee, kind="self")
    client.force_login(world.employee.user)
    html = client.get(reverse("assessments:assessment_form", args=[own.uuid])).content.decode()
    assert PRIVATE in html  # the receiver reads feedback given to them


def test_results_show_feedback_by_capability_within_visibility(world, client):
    _feedback(world)
    url = reverse("assessments:results", args=[world.employee.employee.uuid])
    for viewer in (world.employee, world.manager, world.hr):
        client.force_login(viewer.user)
        html = client.get(url).content.decode()
        assert "Feedback by capability" in html and PRIVATE in html, viewer.user.email


def test_feedback_api_names_capabilities(world, api_client):
    api_client.force_login(world.peer.user)
    created = api_client.post(
        "/api/v1/feedback",
        {
            "receiver": str(world.employee.employee.uuid),
            "observation": "Explained the refund rules clearly.",
            "visibility": "private",
            "capabilities": [str(world.capabilities[2].uuid)],
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    assert created.json()["capabilities"] == [str(world.capabilities[2].uuid)]
    refused = api_client.post(
        "/api/v1/feedback",
        {
            "receiver": str(world.employee.employee.uuid),
            "observation": "x",
            "capabilities": ["7f1c7c4e-0000-4000-8000-000000000000"],
        },
        format="json",
    )
    assert refused.status_code == 400
    assert [name.split(".")[0] for name in refused.json()["fields"]] == ["capabilities"]
    with in_org(world.org):
        assert FeedbackCapability.objects.count() == 1
    api_client.force_login(world.matrix.user)  # a manager of the receiver
    listed = api_client.get("/api/v1/feedback", {"receiver": str(world.employee.employee.uuid)})
    assert listed.json()["results"][0]["capabilities"] == [str(world.capabilities[2].uuid)]


def test_the_feedback_form_offers_capabilities(world, client):
    client.force_login(world.manager.user)
    page = client.get(reverse("goals:feedback_give")).content.decode()
    assert "Capabilities it is about" in page and "Complaint resolution" in page
