"""Editing the overall rating scale: numbers and names each unique, rising scores, no removing
a level that ratings give (a clear message), levels kept in place, every change audited; the
HR page."""

from __future__ import annotations

from decimal import Decimal

import pytest

from plms.audit.models import AuditEvent
from plms.common.errors import ApplicationError
from reward import selectors, services
from reward.models import RatingLevel
from tests.conftest import in_org
from tests.reward.conftest import actor_of
from tests.reward.factories import PerformanceRatingFactory, RewardSettingsFactory

pytestmark = pytest.mark.django_db

L = services.LevelSpec


def _set(org, member, levels):
    with in_org(org):
        return services.rating_scale_set(actor=actor_of(member), levels=levels)


def _refusal(org, member, levels) -> list[str]:
    with pytest.raises(ApplicationError) as refused:
        _set(org, member, levels)
    return refused.value.fields["levels"]


def test_numbers_and_names_are_each_unique(org_a, hr_admin, scale):
    problems = _refusal(
        org_a,
        hr_admin,
        [L(1, "Low", Decimal(0)), L(1, "Mid", Decimal(50)), L(3, "low ", Decimal(80))],
    )
    assert problems == [
        "Two levels have the number 1: give each its own.",
        "Two levels are called “Low”: give each its own.",
    ]
    assert _refusal(org_a, hr_admin, [L(1, "Only", Decimal(0))]) == ["Give at least two levels."]


def test_a_level_that_ratings_give_cannot_be_removed(org_a, hr_admin, scale):
    PerformanceRatingFactory(organization=org_a, proposed_level=3, manager_level=2)
    PerformanceRatingFactory(organization=org_a, proposed_level=2, manager_level=None)
    three_levels = [L(1, "Low", Decimal(0)), L(3, "Meets", Decimal(50)), L(5, "Top", Decimal(90))]
    assert _refusal(org_a, hr_admin, three_levels) == [
        "Level 2 “Partly meets” is given in 2 ratings: it cannot be removed. Rename it instead."
    ]
    with in_org(org_a):
        assert selectors.level_names()[2] == "Partly meets"


def test_levels_are_renamed_in_place_added_and_removed_and_audited(org_a, hr_admin, scale):
    PerformanceRatingFactory(organization=org_a, proposed_level=2)
    with in_org(org_a):
        kept = RatingLevel.objects.get(value=2).uuid
    _set(
        org_a,
        hr_admin,
        [
            L(1, "Below", Decimal(0), "Short of the role."),
            L(2, "Nearly there", Decimal(40)),
            L(3, "Solid", Decimal(70)),
            L(6, "Exceptional", Decimal(97)),
        ],
    )
    with in_org(org_a):
        assert selectors.level_names() == {
            1: "Below",
            2: "Nearly there",
            3: "Solid",
            6: "Exceptional",
        }
        assert RatingLevel.objects.get(value=2).uuid == kept
        event = AuditEvent.objects.filter(action="rating_scale.updated").latest("id")
    assert event.changes["levels"]["before"][1] == "2 Partly meets from 50.00"
    assert event.changes["levels"]["after"][3] == "6 Exceptional from 97"


def _post(levels, extra_blank=True):
    data = {}
    rows = [*levels, {}] if extra_blank else levels
    for i, level in enumerate(rows):
        for name, value in level.items():
            data[f"levels-{i}-{name}"] = value
    data.update(
        {
            "levels-TOTAL_FORMS": str(len(rows)),
            "levels-INITIAL_FORMS": "5",
            "levels-MIN_NUM_FORMS": "0",
            "levels-MAX_NUM_FORMS": "20",
        }
    )
    return data


CURRENT = [
    {"value": 1, "name": "Unsatisfactory", "min_score": "0"},
    {"value": 2, "name": "Partly meets", "min_score": "50"},
    {"value": 3, "name": "Meets", "min_score": "70"},
    {"value": 4, "name": "Exceeds", "min_score": "85"},
    {"value": 5, "name": "Outstanding", "min_score": "95"},
]


def test_hr_edits_the_scale_in_the_browser(org_a, hr_admin, manager, client, scale):
    PerformanceRatingFactory(organization=org_a, proposed_level=4)
    client.force_login(hr_admin.user)
    page = client.get("/reward/settings/scale/").content.decode()
    assert "Level 3: Meets" in page and "Remove this level" in page
    levels = [dict(level) for level in CURRENT]
    levels[2]["name"] = "Fully meets"
    levels[2]["description"] = "Does the whole job well."
    levels[3]["DELETE"] = "on"
    refused = client.post("/reward/settings/scale/", _post(levels)).content.decode()
    assert "The scale was not saved" in refused
    assert "Level 4 “Exceeds” is given in 1 rating: it cannot be removed." in refused
    del levels[3]["DELETE"]
    levels[4]["DELETE"] = "on"
    response = client.post(
        "/reward/settings/scale/",
        _post([*levels, {"value": 6, "name": "Role model", "min_score": "97"}], False),
        follow=True,
    )
    assert "Rating scale saved." in response.content.decode()
    assert "The distribution guideline names other levels" not in response.content.decode()
    with in_org(org_a):
        assert selectors.level_names() == {
            1: "Unsatisfactory",
            2: "Partly meets",
            3: "Fully meets",
            4: "Exceeds",
            6: "Role model",
        }
        assert RatingLevel.objects.get(value=3).description == "Does the whole job well."
    client.force_login(manager.user)
    assert client.get("/reward/settings/scale/").status_code == 403


def test_a_changed_scale_asks_for_a_new_distribution_guideline(org_a, hr_admin, client, scale):
    RewardSettingsFactory(
        organization=org_a, distribution_targets={"1": 10, "2": 20, "3": 40, "4": 20, "5": 10}
    )
    client.force_login(hr_admin.user)
    levels = [dict(level) for level in CURRENT]
    levels[4]["DELETE"] = "on"
    response = client.post("/reward/settings/scale/", _post(levels), follow=True)
    assert "give it one share per level in the settings" in response.content.decode()
