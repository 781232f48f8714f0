"""A role's key results are edited in place: goals and goal templates serving one keep their
link while HR rewords, retargets or reorders the scorecard, and lose it only when that key
result is removed. Through the service, the role form and the API."""

from dataclasses import replace
from decimal import Decimal as D

import pytest
from django.urls import reverse

from capabilities.models import KeyResult
from capabilities.services import roles as role_services
from plms.audit.models import AuditEvent
from plms.common.errors import ApplicationError
from plms.tenancy.actors import system_actor
from tests.conftest import in_org
from tests.goals.factories import GoalFactory, GoalTemplateFactory

OUTCOMES = ("Customers are satisfied", "Issues solved at first contact", "Answers are fast")


def _inputs(outcomes=OUTCOMES) -> list[role_services.KeyResultInput]:
    return [role_services.KeyResultInput(text, "%", 90) for text in outcomes]


@pytest.fixture
def scorecard(org_a):
    """A role with three key results; a goal and a goal template serve the second one."""
    actor = system_actor(org_a)
    with in_org(org_a):
        role = role_services.job_role_create(actor=actor, name="Advisor", key_results=_inputs())
        served = role.key_results.get(outcome=OUTCOMES[1])
        goal = GoalFactory(organization=org_a, key_result=served)
        template = GoalTemplateFactory(organization=org_a, key_result=served)
    return role, served, goal, template


def _linked(goal, template):
    with in_org(goal.organization):
        goal.refresh_from_db()
        template.refresh_from_db()
    return goal.key_result_id, template.key_result_id


def test_a_reworded_key_result_keeps_its_goals_and_a_removed_one_loses_them(org_a, scorecard):
    role, served, goal, template = scorecard
    actor = system_actor(org_a)
    with in_org(org_a):
        reworded = [OUTCOMES[0], "Issues solved on the first call", OUTCOMES[2]]
        items = _inputs(reworded)
        items[1] = replace(items[1], kpi_target=D("92.5"))
        role_services.key_results_set(actor=actor, role=role, items=items)
        assert _linked(goal, template) == (served.pk, served.pk)
        served.refresh_from_db()
        assert (served.outcome, served.kpi_target, served.position) == (reworded[1], D("92.5"), 1)
        assert role.key_results.count() == 3

        # A new one at the end and the same wording in another order: still the same rows.
        moved = [reworded[1], OUTCOMES[0], OUTCOMES[2], "Costs stay within budget"]
        after = role_services.key_results_set(actor=actor, role=role, items=_inputs(moved))
        assert after[0].pk == served.pk and [kr.position for kr in after] == [0, 1, 2, 3]
        assert _linked(goal, template) == (served.pk, served.pk)
        assert KeyResult.objects.filter(role=role).count() == 4

        role_services.key_results_set(actor=actor, role=role, items=_inputs(moved[1:]))
        assert _linked(goal, template) == (None, None)
        assert not KeyResult.objects.filter(pk=served.pk).exists()
        assert list(role.key_results.values_list("outcome", flat=True)) == moved[1:]


def test_public_ids_decide_which_key_result_an_item_edits(org_a, scorecard):
    role, served, goal, template = scorecard
    actor = system_actor(org_a)
    with in_org(org_a):
        first = role.key_results.get(position=0)
        # Without ids, dropping the first and rewording the second is ambiguous; with ids it
        # is not: the served key result is reworded, the first one removed.
        items = [
            role_services.KeyResultInput("Issues solved in one go", "%", 95, id=str(served.uuid)),
            role_services.KeyResultInput(OUTCOMES[2], "%", 90),
            role_services.KeyResultInput("Costs stay within budget", "£", 1000),
        ]
        role_services.key_results_set(actor=actor, role=role, items=items)
        assert _linked(goal, template) == (served.pk, served.pk)
        assert not KeyResult.objects.filter(pk=first.pk).exists()
        served.refresh_from_db()
        assert (served.outcome, served.position) == ("Issues solved in one go", 0)

        other_role = role_services.job_role_create(
            actor=actor, name="Team lead", key_results=_inputs()
        )
        stranger = other_role.key_results.first()
        items[0] = replace(items[0], id=str(stranger.uuid))
        with pytest.raises(ApplicationError) as caught:
            role_services.key_results_set(actor=actor, role=role, items=items)
        assert caught.value.code == "invalid" and "key_results.0.id" in caught.value.fields
        assert _linked(goal, template) == (served.pk, served.pk)


def test_saving_the_same_key_results_changes_nothing(org_a, scorecard):
    role, _served, _goal, _template = scorecard
    actor = system_actor(org_a)
    with in_org(org_a):
        before = AuditEvent.objects.filter(action="job_role.key_results_set").count()
        result = role_services.key_results_set(actor=actor, role=role, items=_inputs())
        assert [kr.pk for kr in result] == list(role.key_results.values_list("pk", flat=True))
        assert AuditEvent.objects.filter(action="job_role.key_results_set").count() == before
        role_services.key_results_set(
            actor=actor, role=role, items=_inputs([OUTCOMES[0], "Reworded", OUTCOMES[2]])
        )
        event = AuditEvent.objects.filter(action="job_role.key_results_set").latest("id")
        assert event.changes["key_results"]["after"][1][0] == "Reworded"


def test_the_role_form_rewords_in_place(org_a, hr_admin, login_client, scorecard):
    role, served, goal, template = scorecard
    data = {"name": role.name, "family": role.family, "grade": role.grade}
    for i, outcome in enumerate([OUTCOMES[0], "Issues solved on the first call", OUTCOMES[2]]):
        data.update(
            {
                f"kr_{i}_outcome": outcome,
                f"kr_{i}_kpi_unit": "%",
                f"kr_{i}_kpi_target": "90",
                f"kr_{i}_kpi_direction": "increase",
            }
        )
    response = login_client(hr_admin).post(
        reverse("capabilities:role_edit", args=[role.uuid]), data
    )
    assert response.status_code == 302
    assert _linked(goal, template) == (served.pk, served.pk)
    with in_org(org_a):
        served.refresh_from_db()
    assert served.outcome == "Issues solved on the first call"


def test_the_api_rewords_in_place_and_removes_what_is_left_out(org_a, key_client_a, scorecard):
    role, served, goal, template = scorecard
    url = f"/api/v1/job-roles/{role.uuid}"
    items = [
        {"outcome": text, "kpi_unit": "%", "kpi_target": "90"}
        for text in (OUTCOMES[0], "Issues solved on the first call", OUTCOMES[2])
    ]
    response = key_client_a.patch(url, {"key_results": items}, format="json")
    assert response.status_code == 200, response.json()
    assert _linked(goal, template) == (served.pk, served.pk)
    extra = {"outcome": "Costs stay within budget", "kpi_unit": "£", "kpi_target": "1000"}
    response = key_client_a.patch(url, {"key_results": [items[0], items[2], extra]}, format="json")
    assert response.status_code == 200, response.json()
    assert _linked(goal, template) == (None, None)


def test_the_role_form_sends_ids_so_removing_one_and_rewording_another_is_clear(
    org_a, hr_admin, login_client, scorecard
):
    """The form shows each key result's id in a hidden field: dropping the first row and
    rewording the served one edits the served one, wherever it ends up."""
    role, served, goal, template = scorecard
    client = login_client(hr_admin)
    page = client.get(reverse("capabilities:role_edit", args=[role.uuid])).content.decode()
    assert f'name="kr_1_id" value="{served.uuid}"' in page
    with in_org(org_a):
        last = role.key_results.get(position=2)
    data = {"name": role.name, "family": role.family, "grade": role.grade}
    rows = [
        (served.uuid, "Issues solved in one go"),
        (last.uuid, OUTCOMES[2]),
        ("", "Costs stay within budget"),
    ]
    for i, (public_id, outcome) in enumerate(rows):
        data.update(
            {
                f"kr_{i}_id": str(public_id),
                f"kr_{i}_outcome": outcome,
                f"kr_{i}_kpi_unit": "%",
                f"kr_{i}_kpi_target": "90",
                f"kr_{i}_kpi_direction": "increase",
            }
        )
    response = client.post(reverse("capabilities:role_edit", args=[role.uuid]), data)
    assert response.status_code == 302
    assert _linked(goal, template) == (served.pk, served.pk)
    with in_org(org_a):
        served.refresh_from_db()
        assert (served.outcome, served.position) == ("Issues solved in one go", 0)
        assert role.key_results.count() == 3


def test_the_api_returns_key_result_ids_and_follows_them(org_a, key_client_a, scorecard):
    role, served, goal, template = scorecard
    url = f"/api/v1/job-roles/{role.uuid}"
    listed = key_client_a.get(url).json()["key_results"]
    assert listed[1]["id"] == str(served.uuid)
    items = [
        {**listed[1], "outcome": "Issues solved in one go"},
        listed[2],
        {"outcome": "Costs stay within budget", "kpi_unit": "£", "kpi_target": "1000"},
    ]
    response = key_client_a.patch(url, {"key_results": items}, format="json")
    assert response.status_code == 200, response.json()
    assert _linked(goal, template) == (served.pk, served.pk)
    assert response.json()["key_results"][0]["id"] == str(served.uuid)
    stranger = {**listed[0], "id": "00000000-0000-4000-8000-000000000000"}
    response = key_client_a.patch(url, {"key_results": [stranger, *items[1:]]}, format="json")
    assert response.status_code == 400
    assert "key_results.0.id" in response.json()["fields"]
