"""Departments x capabilities gap heatmap: the share of people below target per cell, for HR
(page with a chart, the same numbers as a table and the largest gaps in words) and the API;
one aggregate query however many people."""

from __future__ import annotations

import re

from django.urls import reverse
from rest_framework.test import APIClient

from assessments import report_views as assessment_views
from plms.people.models import Employee
from tests.assessments.conftest import closed_cycle, count_queries, grow_team
from tests.conftest import in_org
from tests.factories import DepartmentFactory


def _client(member_) -> APIClient:
    client = APIClient()
    client.force_login(member_.user)
    return client


def _departments(world):
    """The employee in Sales, the peer in Support."""
    with in_org(world.org):
        sales = DepartmentFactory(organization=world.org, name="Sales")
        support = DepartmentFactory(organization=world.org, name="Support")
        Employee.objects.filter(pk=world.employee.employee.pk).update(department=sales)
        Employee.objects.filter(pk=world.peer.employee.pk).update(department=support)
    return sales, support


def test_the_api_gives_the_share_below_target_per_department_and_capability(
    world, key_client_a, key_client_b
):
    sales, support = _departments(world)
    cycle = closed_cycle(world, "Heat")  # levels 2, 3, 4 against targets 4, 3, 3 (by name)
    url = f"/api/v1/assessment-cycles/{cycle.uuid}/department-heatmap"
    response = _client(world.hr).get(url)
    assert response.status_code == 200, response.json()
    body = response.json()
    assert set(body) == {"cycle", "departments", "capabilities"}
    assert [d["name"] for d in body["departments"]] == ["Sales", "Support"]
    assert [c["key"] for c in body["capabilities"]] == [
        "complaint-resolution",
        "customer-communication",
        "negotiation",
    ]
    listed = _client(world.hr).get(f"{url}/cells").json()
    assert set(listed) == {"count", "next", "previous", "results"}
    cells = {(c["department"], c["capability"]): c for c in listed["results"]}
    assert len(cells) == listed["count"] == 6
    complaint = str(world.capabilities[1].uuid)
    cell = cells[(str(sales.uuid), complaint)]
    assert cell["people"] == 1 and cell["below_target"] == 1 and cell["share_below"] == 100
    assert cell["mean_level"] == "2.00" and cell["mean_gap"] == "2.00"
    negotiation = cells[(str(support.uuid), str(world.capabilities[2].uuid))]
    assert negotiation["share_below"] == 0 and negotiation["mean_gap"] == "-1.00"
    for path in (url, f"{url}/cells"):
        assert key_client_a.get(path).status_code == 200
        assert _client(world.employee).get(path).status_code == 403
        assert key_client_b.get(path).status_code == 404


def test_the_cells_come_in_pages_in_the_heatmap_order(world):
    """Departments in the heatmap's order, capabilities by name within each; the pages put
    together are every cell, once."""
    _departments(world)
    cycle = closed_cycle(world, "Heat in pages")
    client = _client(world.hr)
    url = f"/api/v1/assessment-cycles/{cycle.uuid}/department-heatmap"
    heatmap = client.get(url).json()
    every = client.get(f"{url}/cells?page_size=200").json()["results"]
    departments = [d["id"] for d in heatmap["departments"]]
    capabilities = [c["id"] for c in heatmap["capabilities"]]
    assert [(c["department"], c["capability"]) for c in every] == [
        (d, c) for d in departments for c in capabilities
    ]
    paged, page = [], f"{url}/cells?page_size=4"
    while page:
        response = client.get(page)
        assert response["Content-Type"] == "application/json"
        body = response.json()
        assert list(body) == ["count", "next", "previous", "results"]
        assert body["count"] == len(every)
        paged += body["results"]
        page = body["next"]
    assert paged == every
    assert client.get(f"{url}/cells?page=9").status_code == 404


def test_people_without_a_department_have_their_own_row(world):
    cycle = closed_cycle(world, "Nobody placed")
    url = f"/api/v1/assessment-cycles/{cycle.uuid}/department-heatmap"
    departments = _client(world.hr).get(url).json()["departments"]
    assert departments == [{"id": None, "name": ""}]
    cells = _client(world.hr).get(f"{url}/cells").json()["results"]
    assert {cell["department"] for cell in cells} == {None}
    assert {cell["people"] for cell in cells} == {2}


def test_the_page_has_a_chart_a_table_and_the_largest_gaps_in_words(world, client):
    _departments(world)
    cycle = closed_cycle(world, "Heat page")
    client.force_login(world.hr.user)
    url = reverse("assessments:department_heatmap") + f"?cycle={cycle.uuid}"
    html = client.get(url).content.decode()
    assert "<svg" in html and 'role="img"' in html and "<caption>" in html
    assert "Sales, Complaint resolution: 100% below target" in html  # the chart's description
    assert "Largest gaps" in html and "Sales · Complaint resolution" in html
    assert "100 %" in html  # the table


def test_the_page_for_members_and_without_results(world, client):
    client.force_login(world.hr.user)
    empty = client.get(reverse("assessments:department_heatmap")).content.decode()
    assert "No assessment cycle has closed yet" in empty
    client.force_login(world.manager.user)
    assert client.get(reverse("assessments:department_heatmap")).status_code in (403, 404)


def test_heatmap_queries_do_not_grow_with_people(world, client):
    _departments(world)
    cycle = closed_cycle(world, "Small")
    client.force_login(world.hr.user)
    page_small, _ = count_queries(
        client, reverse("assessments:department_heatmap") + f"?cycle={cycle.uuid}"
    )
    api = _client(world.hr)
    api_small, _ = count_queries(api, f"/api/v1/assessment-cycles/{cycle.uuid}/department-heatmap")
    cells_small, _ = count_queries(
        api, f"/api/v1/assessment-cycles/{cycle.uuid}/department-heatmap/cells"
    )
    grow_team(world, 8)
    with in_org(world.org):
        for index, person in enumerate(Employee.objects.filter(department__isnull=True)):
            person.department = DepartmentFactory(organization=world.org, name=f"Team {index}")
            person.save(update_fields=["department"])
    cycle = closed_cycle(world, "Large")
    page_large, page = count_queries(
        client, reverse("assessments:department_heatmap") + f"?cycle={cycle.uuid}"
    )
    api_large, response = count_queries(
        api, f"/api/v1/assessment-cycles/{cycle.uuid}/department-heatmap"
    )
    cells_large, _ = count_queries(
        api, f"/api/v1/assessment-cycles/{cycle.uuid}/department-heatmap/cells"
    )
    departments = response.json()["departments"]
    html = page.content.decode()
    assert len(departments) > 2
    assert any(d["name"].startswith("Team ") for d in departments)
    assert all(d["name"] in html for d in departments)
    assert page_large == page_small and api_large == api_small and cells_large == cells_small


def test_the_page_shows_a_page_of_capabilities_and_finds_the_largest_gaps_in_all(
    world, client, monkeypatch
):
    monkeypatch.setattr(assessment_views, "HEATMAP_COLUMNS", 2)
    _departments(world)
    cycle = closed_cycle(world, "Heat pages")  # by name: complaint, communication, negotiation
    client.force_login(world.hr.user)
    url = reverse("assessments:department_heatmap")
    first = client.get(url, {"cycle": cycle.uuid}).content.decode()
    second = client.get(url, {"cycle": cycle.uuid, "page": 2}).content.decode()

    def columns(html):
        table = html.split('id="heatmap-table-heading"')[1]
        return re.findall(r'<th scope="col">([^<]+)</th>', table)[1:]

    assert columns(first) == ["Complaint resolution", "Customer communication"]
    assert columns(second) == ["Negotiation"]
    # Every range of capabilities is named and linked from every page, the cycle kept.
    assert "Complaint resolution \N{EN DASH} Customer communication" in first
    assert f'href="?cycle={cycle.uuid}&amp;page=2">Negotiation</a>' in first
    assert 'aria-current="page">Negotiation</strong>' in second
    assert 'rel="next"' in first and 'rel="prev"' in second
    # The largest gaps are the whole heatmap's on every page, linked to their page.
    hot = [page.split("Largest gaps")[1].split("</section>")[0] for page in (first, second)]
    assert re.sub(r"<[^>]+>", "", hot[0]) == re.sub(r"<[^>]+>", "", hot[1])
    assert "Complaint resolution" in hot[1]
    assert f'href="?cycle={cycle.uuid}&amp;page=1">Complaint resolution</a>' in hot[1]
