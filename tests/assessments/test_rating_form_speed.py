"""The rating form and its ratings `PUT` at organisation scale: the level cards written in
Python are the template's, byte for byte; the rater's own assessment is found without the
visibility rules and every viewer still finds exactly what the rules show; the `PUT`'s
queries do not grow with the ratings."""

from __future__ import annotations

import json
from types import SimpleNamespace
from uuid import uuid4

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from assessments.form_cards import level_cards
from assessments.models import Assessment
from assessments.selectors import raters as rater_selectors
from assessments.services import raters as rater_services
from assessments.views import NOT_OBSERVED
from tests.assessments.conftest import actor_of
from tests.conftest import in_org

# The cards as the form's template wrote them before `form_cards`.
TEMPLATE_CARDS = Template(
    """{% load i18n %}{% with cap=item.capability rating=item.rating %}"""
    """{% for scale_level, level in item.levels %}
      <label class="level-card{% if scale_level.number == item.requirement.target_level %} target{% endif %}">
        <input type="radio" name="level-{{ cap.uuid }}" value="{{ scale_level.number }}"
          {% if item.posted %}{% if item.posted.level == scale_level.number|stringformat:"s" %}checked{% endif %}{% elif rating and rating.level == scale_level.number %}checked{% endif %}>
        <strong>{{ scale_level.number }} · {{ scale_level.name }}</strong>{% if scale_level.number == item.requirement.target_level %}<span class="tag">{% translate "Target" %}</span>{% endif %}
        {% if level %}<br>{{ level.descriptor }}{% if level.indicators %}<ul>{% for i in level.indicators %}<li>{{ i }}</li>{% endfor %}</ul>{% endif %}{% else %}<br><span class="empty">{% translate "Not described yet." %}</span>{% endif %}
      </label>
      {% endfor %}
      <label class="level-card">
        <input type="radio" name="level-{{ cap.uuid }}" value="{{ not_observed }}"
          {% if item.posted %}{% if item.posted.level == not_observed %}checked{% endif %}{% elif rating and rating.level is None %}checked{% endif %}>
        <strong>{% translate "Not observed" %}</strong><br><span class="help">{% translate "You have not seen this capability in use." %}</span>
      </label>{% endwith %}"""
)


def _item(*, rating=..., posted=None, target=3):
    scale = [
        SimpleNamespace(number=n, name=name)
        for n, name in enumerate(
            ["Foundational", "Developing", "Proficient & <able>", "Advanced", "Expert"], start=1
        )
    ]
    levels = [
        SimpleNamespace(descriptor=f'Does "{n}" <well> & often', indicators=[f"<b>{n}a</b>", "x"])
        if n != 2
        else None
        for n in range(1, 6)
    ]
    levels[3].indicators = []
    item = {
        "capability": SimpleNamespace(uuid=uuid4()),
        "requirement": SimpleNamespace(target_level=target),
        "levels": list(zip(scale, levels, strict=True)),
        "rating": None if rating is ... else SimpleNamespace(level=rating),
    }
    if posted is not None:
        item["posted"] = {"level": posted, "evidence": ""}
    return item


@pytest.mark.parametrize(
    "shape",
    [
        {},
        {"rating": 2},
        {"rating": 3, "target": 5},
        {"rating": None},
        {"rating": 4, "posted": "1"},
        {"rating": 4, "posted": NOT_OBSERVED},
        {"posted": "-1"},
        {"rating": None, "posted": "5"},
    ],
)
def test_level_cards_are_the_templates_byte_for_byte(shape):
    item = _item(**shape)
    expected = TEMPLATE_CARDS.render(Context({"item": item, "not_observed": NOT_OBSERVED}))
    assert level_cards(item, not_observed=NOT_OBSERVED) == expected


def test_the_rater_finds_their_own_and_everyone_what_the_rules_show(world):
    world.launch()
    with in_org(world.org):
        rater_services.expert_grant(
            actor=world.system,
            cycle=world.cycle,
            employee=world.employee.employee,
            expert=world.expert.employee,
        )
        assessments = list(Assessment.objects.all())
        assert {a.kind for a in assessments} >= {"self", "manager", "expert"}
        members = [world.employee, world.manager, world.matrix, world.peer, world.expert, world.hr]
        for member in members:
            actor = actor_of(member)
            for assessment in assessments:
                rules = rater_selectors.assessment_list_for_viewer(actor=actor)
                expected = rules.filter(uuid=assessment.uuid).first()
                found = rater_selectors.assessment_get_for_viewer(actor=actor, uuid=assessment.uuid)
                assert found == expected, (member, assessment.kind)
                if found is not None:
                    assert found.cycle == expected.cycle and found.employee == expected.employee


def test_ratings_put_queries_do_not_grow_with_the_saved_ratings(world):
    """A `PUT` of one rating costs the same whatever the assessment holds already (each
    rating sent is one capability looked up by the input's validation)."""
    world.launch()
    own = world.assessment(rater=world.employee, kind="self")
    client = APIClient()
    client.force_login(world.employee.user)
    url = f"/api/v1/assessments/{own.uuid}/ratings"

    def put(capabilities):
        body = {
            "ratings": [
                {"capability": str(c.uuid), "level": 3, "evidence": "Seen."} for c in capabilities
            ]
        }
        return client.put(url, json.dumps(body), content_type="application/json")

    one = [world.capabilities[0]]
    put(one)
    with CaptureQueriesContext(connection) as few:
        assert put(one).status_code == 200
    put(world.capabilities)
    with CaptureQueriesContext(connection) as many:
        response = put(one)
    assert response.status_code == 200 and len(response.json()) == len(world.capabilities)
    assert len(few) == len(many)


def test_ratings_put_looks_the_capabilities_up_once(world):
    """The capabilities of a `PUT`'s ratings are read in one query whatever their number
    (ratings sent unchanged write nothing, so only the lookups could differ), and a capability
    that is not one, or not a public id, is refused as before."""
    world.launch()
    own = world.assessment(rater=world.employee, kind="self")
    client = APIClient()
    client.force_login(world.employee.user)
    url = f"/api/v1/assessments/{own.uuid}/ratings"

    def put(capabilities):
        body = {
            "ratings": [{"capability": c, "level": 3, "evidence": "Seen."} for c in capabilities]
        }
        return client.put(url, json.dumps(body), content_type="application/json")

    every = [str(c.uuid) for c in world.capabilities]
    assert len(every) > 2
    assert put(every).status_code == 200
    with CaptureQueriesContext(connection) as one:
        assert put(every[:1]).status_code == 200
    with CaptureQueriesContext(connection) as all_of_them:
        assert put(every).status_code == 200
    assert len(one) == len(all_of_them)

    unknown = str(uuid4())
    refused = put([every[0], unknown, "not-an-id", "", every[1].upper()])
    assert refused.status_code == 400
    assert refused.json()["fields"] == {
        "ratings.1.capability": [f"Object with uuid={unknown} does not exist."],
        "ratings.2.capability": ["“not-an-id” is not a valid UUID."],
        "ratings.3.capability": ["Invalid value."],
    }
