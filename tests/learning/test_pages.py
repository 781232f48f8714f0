from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from learning.models import DevelopmentPlan, PlanItem
from learning.selectors import learning_settings_get
from learning.views import PAGE_SIZE
from tests.conftest import in_org
from tests.factories import EmployeeFactory
from tests.learning.factories import DevelopmentPlanFactory, PlanItemFactory


def test_catalogue_search_and_filters(world, login_client):
    client = login_client(world.employee)
    page = client.get(reverse("learning:catalogue"), {"q": "mentor"})
    assert page.status_code == 200
    assert b"<td>Mentoring" in page.content and b"<td>Shadowing" not in page.content
    by_mix = client.get(reverse("learning:catalogue"), {"mix": "experience"})
    assert b"<td>Shadowing" in by_mix.content and b"<td>Course" not in by_mix.content
    empty = client.get(reverse("learning:catalogue"), {"q": "nothing-like-this"})
    assert "No learning item matches these filters." in empty.content.decode()


def test_my_plan_empty_state_then_build_and_checklist(world, login_client):
    client = login_client(world.employee)
    page = client.get(reverse("learning:my_plan"))
    assert "You have no development plan yet." in page.content.decode()
    response = client.post(reverse("learning:plan_build_mine"))
    assert response.status_code == 302
    page = client.get(reverse("learning:my_plan")).content.decode()
    assert "Customer communication: 2 → target 4" in page
    assert "Propose to my manager" in page
    assert "Negotiation: no learning item from level 1 to 2" in page


def test_manager_approves_and_sees_team_progress(world, login_client):
    plan = DevelopmentPlanFactory(
        organization=world.org,
        employee=world.employee.employee,
        status=DevelopmentPlan.Status.PROPOSED,
    )
    first = PlanItemFactory(organization=world.org, plan=plan, order=1)
    second = PlanItemFactory(organization=world.org, plan=plan, order=2)
    client = login_client(world.manager)
    team = client.get(reverse("learning:team")).content.decode()
    assert "Waiting for your approval" in team and plan.title in team
    response = client.post(
        reverse("learning:plan_action", kwargs={"id": plan.uuid}),
        {
            "action": "approve",
            f"order_{first.uuid}": "2",
            f"order_{second.uuid}": "1",
            "reason": "Second first.",
        },
    )
    assert response.status_code == 302
    with in_org(world.org):
        plan.refresh_from_db()
        assert plan.status == DevelopmentPlan.Status.APPROVED
        assert list(plan.items.order_by("order").values_list("pk", flat=True)) == [
            second.pk,
            first.pk,
        ]


def test_team_plans_come_a_page_at_a_time_for_the_same_queries(world, login_client):
    def reports_with_plans(count: int) -> None:
        for _ in range(count):
            report = EmployeeFactory(organization=world.org, manager=world.manager.employee)
            plan = DevelopmentPlanFactory(organization=world.org, employee=report, status="active")
            PlanItemFactory(organization=world.org, plan=plan)

    def team_page(number: int) -> tuple[str, int]:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("learning:team"), {"page": number})
        assert response.status_code == 200
        return response.content.decode(), len(queries.captured_queries)

    reports_with_plans(2)
    client = login_client(world.manager)
    team_page(1)  # the session's first page does its own sign-in bookkeeping
    _page, few = team_page(1)
    reports_with_plans(PAGE_SIZE)
    first, many = team_page(1)
    assert many == few
    assert first.count("<progress") == PAGE_SIZE and "Page 1 of 2" in first
    second, _queries = team_page(2)
    assert second.count("<progress") == 2 and "Page 2 of 2" in second


def test_the_employee_ticks_an_item(world, login_client):
    plan = DevelopmentPlanFactory(
        organization=world.org, employee=world.employee.employee, status="active"
    )
    item = PlanItemFactory(organization=world.org, plan=plan)
    client = login_client(world.employee)
    response = client.post(
        reverse("learning:plan_item_update", kwargs={"id": item.uuid}),
        {"status": "done", "evidence": "Certificate", "reflection": "Good"},
    )
    assert response.status_code == 302
    with in_org(world.org):
        item.refresh_from_db()
    assert item.status == PlanItem.Status.DONE
    assert "1 of 1 done" in client.get(reverse("learning:my_plan")).content.decode()


def test_hr_reports_are_for_hr(world, login_client):
    assert login_client(world.employee).get(reverse("learning:content_gaps")).status_code == 403
    client = login_client(world.hr)
    gaps = client.get(reverse("learning:content_gaps")).content.decode()
    assert "Negotiation" in gaps
    impact = client.get(reverse("learning:impact")).content.decode()
    assert "Association, not proof." in impact


def test_a_colleague_cannot_open_someone_elses_plan(world, login_client):
    plan = DevelopmentPlanFactory(organization=world.org, employee=world.manager.employee)
    client = login_client(world.employee)
    assert client.get(reverse("learning:plan_detail", kwargs={"id": plan.uuid})).status_code == 404


def _add_items(world, plan, count):
    for _ in range(count):
        PlanItemFactory(organization=world.org, plan=plan, status="done")


def _signed_in(login_client, person):
    """A signed-in client that has shown one page, so the layout's cached reads (the bell, the
    memberships) are warm and each measured request counts its own page's queries alone."""
    client = login_client(person)
    assert client.get(reverse("notifications:list")).status_code == 200
    return client


def test_plan_page_and_impact_report_queries_do_not_grow(world, login_client):
    plan = DevelopmentPlanFactory(
        organization=world.org, employee=world.employee.employee, status="active"
    )
    _add_items(world, plan, 2)
    employee, hr = _signed_in(login_client, world.employee), None
    urls = [reverse("learning:my_plan"), reverse("learning:plan_detail", kwargs={"id": plan.uuid})]
    counts = {}
    for url in urls:
        with CaptureQueriesContext(connection) as few:
            assert employee.get(url).status_code == 200
        counts[url] = len(few.captured_queries)
    employee.logout()
    hr = _signed_in(login_client, world.hr)
    with CaptureQueriesContext(connection) as few_impact:
        assert hr.get(reverse("learning:impact")).status_code == 200
    hr.logout()
    _add_items(world, plan, 7)
    employee = _signed_in(login_client, world.employee)
    for url in urls:
        with CaptureQueriesContext(connection) as many:
            assert employee.get(url).status_code == 200
        assert len(many.captured_queries) == counts[url], url
    employee.logout()
    hr = _signed_in(login_client, world.hr)
    with CaptureQueriesContext(connection) as many_impact:
        assert hr.get(reverse("learning:impact")).status_code == 200
    assert len(many_impact.captured_queries) == len(few_impact.captured_queries)


def test_hr_sets_the_time_budget(world, login_client):
    assert login_client(world.employee).get(reverse("learning:settings")).status_code == 403
    client = login_client(world.hr)
    assert client.get(reverse("learning:settings")).status_code == 200
    response = client.post(
        reverse("learning:settings"),
        {"hours_per_quarter": 12, "plan_months": 3, "max_items_per_capability": 2},
    )
    assert response.status_code == 302
    with in_org(world.org):
        assert learning_settings_get().hours_per_quarter == 12
