"""The optional pre-calibration "ratings preview" vote: once a cycle with the preview on is
closed, HR admins and each person's managers say whether each consolidated level looks right,
too high or too low; calibration starts from the contested levels."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from assessments.models import ConsolidatedLevel, PreviewVote
from assessments.services import calibration as calibration_services
from plms.common.errors import ApplicationError
from tests.assessments.conftest import actor_of, closed_cycle, count_queries, grow_team
from tests.conftest import in_org


def _client(member_) -> APIClient:
    client = APIClient()
    client.force_login(member_.user)
    return client


@pytest.fixture
def preview(world):
    """A closed cycle with the preview on: the manager rated the employee and the peer."""
    world.cycle = closed_cycle(world, "Preview", preview_voting=True)
    return world


def _level(world, member_=None, index=0) -> ConsolidatedLevel:
    with in_org(world.org):
        return ConsolidatedLevel.objects.select_related("cycle", "employee").get(
            cycle=world.cycle,
            employee=(member_ or world.employee).employee,
            capability=world.capabilities[index],
        )


def _vote(world, who, level, vote, comment=""):
    with in_org(world.org):
        return calibration_services.preview_vote_cast(
            actor=actor_of(who) if who is not None else world.system,
            consolidated=level,
            vote=vote,
            comment=comment,
        )


def test_managers_vote_and_voting_again_replaces_the_vote(preview):
    world = preview
    level = _level(world)
    _vote(world, world.manager, level, "agree")
    with pytest.raises(ApplicationError) as refused:
        _vote(world, world.manager, level, "too_high")
    assert refused.value.code == "comment_required" and "comment" in refused.value.fields
    _vote(world, world.manager, level, "too_high", "Only seen on easy calls.")
    _vote(world, world.matrix, level, "too_low", "Carried the project.")
    _vote(world, world.hr, level, "agree")
    with in_org(world.org):
        votes = dict(PreviewVote.objects.filter(consolidated=level).values_list("voter", "vote"))
    assert votes == {
        world.manager.user.pk: "too_high",
        world.matrix.user.pk: "too_low",
        world.hr.user.pk: "agree",
    }


def test_only_hr_and_the_persons_managers_vote(preview):
    world = preview
    level = _level(world)
    for who in (world.peer, world.employee, world.expert):
        with pytest.raises(ApplicationError) as refused:
            _vote(world, who, level, "agree")
        assert refused.value.code == "not_found"
    with pytest.raises(ApplicationError) as refused:
        _vote(world, None, level, "agree")  # an API key or the system: nobody to count
    assert refused.value.code == "not_voter"
    with in_org(world.org):
        assert not PreviewVote.objects.exists()


def test_the_preview_is_open_only_between_closing_and_calibrating(world):
    world.cycle = closed_cycle(world, "No preview")
    with pytest.raises(ApplicationError) as refused:
        _vote(world, world.manager, _level(world), "agree")
    assert refused.value.code == "preview_closed" and refused.value.status == 409
    world.cycle = closed_cycle(world, "With preview", preview_voting=True)
    level = _level(world)
    with in_org(world.org):
        calibration_services.consolidated_level_adjust(
            actor=actor_of(world.hr), consolidated=level, level=Decimal("3"), reason="Panel."
        )
    with pytest.raises(ApplicationError) as refused:
        _vote(world, world.manager, level, "agree")
    assert refused.value.code == "already_calibrated" and refused.value.status == 409
    with in_org(world.org):
        assert not PreviewVote.objects.exists()


def test_the_api_lists_tallies_and_takes_votes(preview, key_client_a, key_client_b):
    world = preview
    level = _level(world)
    _vote(world, world.hr, level, "too_low", "Underrated.")
    client = _client(world.manager)
    listed = client.get("/api/v1/rating-previews", {"cycle": str(world.cycle.uuid)}).json()
    assert listed["count"] == 6  # the employee's and the peer's three levels
    voted = client.post(
        f"/api/v1/rating-previews/{level.uuid}/vote", {"vote": "agree"}, format="json"
    )
    assert voted.status_code == 200, voted.json()
    body = voted.json()
    assert body["votes"] == {"agree": 1, "too_high": 0, "too_low": 1}
    assert body["contested"] is True and body["my_vote"] == "agree"
    contested = client.get("/api/v1/rating-previews", {"contested": "true"}).json()
    assert [row["id"] for row in contested["results"]] == [str(level.uuid)]
    assert client.get("/api/v1/rating-previews", {"contested": "maybe"}).status_code == 400
    missing = client.post(
        f"/api/v1/rating-previews/{level.uuid}/vote", {"vote": "too_high"}, format="json"
    )
    assert missing.status_code == 400 and missing.json()["code"] == "comment_required"
    assert _client(world.employee).get("/api/v1/rating-previews").json()["count"] == 0
    employee_vote = _client(world.employee).post(
        f"/api/v1/rating-previews/{level.uuid}/vote", {"vote": "agree"}, format="json"
    )
    assert employee_vote.status_code == 404
    keyed = key_client_a.post(
        f"/api/v1/rating-previews/{level.uuid}/vote", {"vote": "agree"}, format="json"
    )
    assert keyed.status_code == 403 and keyed.json()["code"] == "not_voter"
    assert key_client_b.get(f"/api/v1/rating-previews/{level.uuid}").status_code == 404


def test_preview_list_queries_do_not_grow(world):
    world.cycle = closed_cycle(world, "Small", preview_voting=True)
    _vote(world, world.hr, _level(world), "agree")
    client = _client(world.manager)
    small, _ = count_queries(client, "/api/v1/rating-previews")
    grow_team(world, 8)
    world.cycle = closed_cycle(world, "Large", preview_voting=True)
    for index in range(3):
        _vote(world, world.hr, _level(world, index=index), "too_high", "Generous.")
    large, response = count_queries(client, "/api/v1/rating-previews")
    assert response.json()["count"] == 6 + 30 and large == small


def test_the_page_shows_the_tally_and_takes_a_vote(preview, client):
    world = preview
    level = _level(world)
    client.force_login(world.manager.user)
    url = reverse("assessments:rating_preview", args=[world.cycle.uuid])
    small, page = count_queries(client, url)
    html = page.content.decode()
    assert world.employee.employee.full_name in html and "Looks too high" in html
    refused = client.post(reverse("assessments:preview_vote", args=[level.uuid]), {"vote": "?"})
    assert refused.status_code == 302
    no_reason = client.post(
        reverse("assessments:preview_vote", args=[level.uuid]), {"vote": "too_low"}, follow=True
    )
    assert "Say why the level looks too high or too low." in no_reason.content.decode()
    client.post(
        reverse("assessments:preview_vote", args=[level.uuid]),
        {"vote": "too_low", "comment": "Stronger than this."},
    )
    contested = client.get(url, {"contested": "1"}).content.decode()
    assert "Contested" in contested and contested.count('name="vote" value="too_low"') == 1
    assert client.get(url, {"q": "nobody-at-all"}).content.decode().count("No level matches") == 1
    grow_team(world, 3)
    larger = closed_cycle(world, "Preview 2", preview_voting=True)
    large, _ = count_queries(client, reverse("assessments:rating_preview", args=[larger.uuid]))
    assert large == small
    client.force_login(world.hr.user)
    calibration = client.get(reverse("assessments:calibration", args=[world.cycle.uuid]))
    assert "1 levels have votes; 1 are contested" in calibration.content.decode()


def test_the_page_is_404_without_the_preview(world, client):
    cycle = closed_cycle(world, "Plain")
    client.force_login(world.hr.user)
    assert client.get(reverse("assessments:rating_preview", args=[cycle.uuid])).status_code == 404


def test_the_preview_is_a_cycle_setting(world):
    client = _client(world.hr)
    body = {
        "name": "With a preview",
        "period_start": "2027-07-01",
        "period_end": "2027-12-31",
        "weights": {"self": 30, "manager": 70},
        "preview_voting": True,
    }
    created = client.post("/api/v1/assessment-cycles", body, format="json")
    assert created.status_code == 201 and created.json()["preview_voting"] is True
    page = reverse("assessments:cycle_detail", args=[created.json()["id"]])
    assert _client(world.hr).get(page).status_code == 200
