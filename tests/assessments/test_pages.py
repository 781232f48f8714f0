"""Assessment pages: the rating form (autosave, submit, the self-rating beside the
manager's), results with the radar, heatmap, gap report, cycles; constant query counts and
404s for other organizations."""

from __future__ import annotations

import re

from django.urls import reverse

from assessments import report_views as assessment_views
from assessments.models import AssessmentCycle
from plms.audit.models import AuditEvent
from plms.people.models import Employee
from tests.assessments.conftest import closed_cycle as _closed_cycle
from tests.assessments.conftest import count_queries as _count
from tests.assessments.conftest import grow_team as _grow_team
from tests.conftest import in_org
from tests.factories import DepartmentFactory


def _form_post(world, levels, action="save", evidence="Seen on calls."):
    data = {"action": action}
    for index, level in levels.items():
        capability = world.capabilities[index]
        data[f"level-{capability.uuid}"] = "n/o" if level is None else str(level)
        data[f"evidence-{capability.uuid}"] = evidence
    return data


def test_my_assessments_lists_what_to_rate(world, client):
    client.force_login(world.employee.user)
    empty = client.get(reverse("assessments:my_assessments"))
    assert "Nothing to rate right now" in empty.content.decode()
    world.launch()
    page = client.get(reverse("assessments:my_assessments")).content.decode()
    assert "Myself" in page and world.cycle.name in page


def test_rating_form_shows_levels_side_by_side_with_the_target(world, client):
    world.launch()
    own = world.assessment(rater=world.employee, kind="self")
    client.force_login(world.employee.user)
    html = client.get(reverse("assessments:assessment_form", args=[own.uuid])).content.decode()
    assert html.count('type="radio"') == 3 * 6  # five levels and "not observed" each
    assert "Complaint resolution at 4" in html and "Indicator 4a" in html
    assert html.count('class="tag"') == 3  # the target level is marked once per capability
    assert 'hx-post="' in html and "<legend>" in html


def test_form_saves_a_draft_then_submits(world, client):
    world.launch()
    own = world.assessment(rater=world.employee, kind="self")
    client.force_login(world.employee.user)
    url = reverse("assessments:assessment_form", args=[own.uuid])
    assert client.post(url, _form_post(world, {0: 3})).status_code == 302
    response = client.post(url, _form_post(world, {1: 3, 2: None}, action="submit"))
    assert response.status_code == 302
    with in_org(world.org):
        own.refresh_from_db()
    assert own.status == "submitted"
    locked = client.post(url, _form_post(world, {0: 4}))
    assert "can no longer change" in locked.content.decode()


def test_form_shows_errors_by_capability_and_keeps_the_input(world, client):
    world.launch()
    own = world.assessment(rater=world.employee, kind="self")
    client.force_login(world.employee.user)
    url = reverse("assessments:assessment_form", args=[own.uuid])
    response = client.post(url, _form_post(world, {0: 5, 1: 3, 2: 3}, action="submit", evidence=""))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Evidence is required for a rating at the end of the scale." in html
    with in_org(world.org):
        own.refresh_from_db()
    assert own.status == "draft"


def test_autosave(world, client):
    world.launch()
    own = world.assessment(rater=world.employee, kind="self")
    client.force_login(world.employee.user)
    url = reverse("assessments:rating_autosave", args=[own.uuid])
    response = client.post(url, _form_post(world, {0: 2}), HTTP_HX_REQUEST="true")
    assert "Draft saved" in response.content.decode()
    bad = client.post(url, _form_post(world, {0: 9}), HTTP_HX_REQUEST="true")
    assert "Choose a level" in bad.content.decode()
    client.force_login(world.manager.user)
    assert client.post(url, _form_post(world, {0: 2})).status_code == 404


def test_manager_sees_the_self_rating_once_submitted(world, client):
    world.launch()
    own = world.assessment(rater=world.employee, kind="self")
    theirs = world.assessment(rater=world.manager, kind="manager")
    client.force_login(world.manager.user)
    url = reverse("assessments:assessment_form", args=[theirs.uuid])
    assert "appears here once they have submitted" in client.get(url).content.decode()
    world.rate(world.employee, own, {0: 2, 1: 3, 2: 3}, evidence="My own words.", submit=True)
    html = client.get(url).content.decode()
    assert "Self-rating" in html and "My own words." in html


def test_rating_form_queries_do_not_grow(world, client):
    world.launch()
    theirs = world.assessment(rater=world.manager, kind="manager")
    own = world.assessment(rater=world.employee, kind="self")
    world.rate(world.employee, own, {0: 2, 1: 3, 2: 3}, submit=True)
    client.force_login(world.manager.user)
    url = reverse("assessments:assessment_form", args=[theirs.uuid])
    small, _ = _count(client, url)
    _grow_team(world, 0, capabilities=4)
    large, response = _count(client, url)
    assert response.content.decode().count('type="radio"') == 7 * 6
    assert small == large


def test_team_heatmap_queries_do_not_grow(world, client):
    cycle = _closed_cycle(world, "Heat 1")
    client.force_login(world.manager.user)
    url = reverse("assessments:team") + f"?cycle={cycle.uuid}"
    small, first = _count(client, url)
    _grow_team(world, 4, capabilities=2)
    cycle = _closed_cycle(world, "Heat 2")
    url = reverse("assessments:team") + f"?cycle={cycle.uuid}"
    large, response = _count(client, url)
    html = response.content.decode()
    assert "below target" in html and "▼" in html
    assert html.count("<tr>") > first.content.decode().count("<tr>")
    assert small == large


def test_gap_report_queries_do_not_grow(world, client):
    cycle = _closed_cycle(world, "Gap 1")
    client.force_login(world.hr.user)
    url = reverse("assessments:gap_report") + f"?cycle={cycle.uuid}"
    small, _ = _count(client, url)
    _grow_team(world, 5, capabilities=2)
    cycle = _closed_cycle(world, "Gap 2")
    url = reverse("assessments:gap_report") + f"?cycle={cycle.uuid}"
    large, response = _count(client, url)
    html = response.content.decode()
    assert "Coverage" in html and "At risk" in html and "Training needs" in html
    assert small == large


def test_results_page_has_a_radar_and_a_table(world, client):
    _closed_cycle(world, "Radar")
    client.force_login(world.employee.user)
    html = client.get(
        reverse("assessments:results", args=[world.employee.employee.uuid])
    ).content.decode()
    assert "<svg" in html and 'role="img"' in html and "<caption>" in html
    assert "Target (dashed)" in html


def test_cycle_pages_for_hr(world, client, django_capture_on_commit_callbacks):
    client.force_login(world.hr.user)
    assert client.get(reverse("assessments:cycle_list")).status_code == 200
    form = client.get(reverse("assessments:cycle_create"))
    assert form.status_code == 200
    created = client.post(
        reverse("assessments:cycle_create"),
        {
            "name": "Pages cycle",
            "period_start": "2027-01-01",
            "period_end": "2027-02-01",
            "scope": "roles",
            "scope_roles": [str(world.role.uuid)],
            "weight_self": 50,
            "weight_manager": 50,
            "weight_peer": 0,
            "weight_expert": 0,
            "min_peers": 3,
            "max_peer_requests": 5,
            "evidence_min_distance": 2,
        },
    )
    assert created.status_code == 302, created.content.decode()[:2000]
    with in_org(world.org):
        cycle = AssessmentCycle.objects.get(name="Pages cycle")
    detail = reverse("assessments:cycle_detail", args=[cycle.uuid])
    assert "2 people with a job role" in client.get(detail).content.decode()
    confirm = client.get(reverse("assessments:cycle_launch", args=[cycle.uuid])).content.decode()
    assert "2 people with a job role are in scope" in confirm
    client.post(reverse("assessments:cycle_launch", args=[cycle.uuid]), {"confirm": "launch"})
    progress = client.get(reverse("assessments:cycle_progress", args=[cycle.uuid]))
    assert progress.status_code == 200 and "<progress" in progress.content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # the plan build the close queues
        client.post(
            reverse("assessments:cycle_close", args=[cycle.uuid]),
            {"confirmed_unsubmitted": 0},  # the launch task has not run: no assessments
        )
    export = client.get(reverse("assessments:cycle_export", args=[cycle.uuid]))
    assert export["Content-Type"].startswith("text/csv")
    assert export.content.decode().startswith("employee_email,")
    assert client.get(reverse("assessments:calibration", args=[cycle.uuid])).status_code == 200
    closed = client.get(detail).content.decode()
    assert f"{reverse('learning:plan_builds')}?q=Pages%20cycle" in closed
    builds = client.get(reverse("learning:plan_builds"), {"q": "Pages cycle"}).content.decode()
    assert f'{detail}">Pages cycle</a>' in builds  # the build that the close started


def test_launch_progress_polls_while_running(world, client):
    with in_org(world.org):
        AssessmentCycle.objects.filter(pk=world.cycle.pk).update(
            launch_state="running", launch_total=10, launch_done=4
        )
    client.force_login(world.hr.user)
    html = client.get(
        reverse("assessments:cycle_progress", args=[world.cycle.uuid])
    ).content.decode()
    assert 'hx-trigger="every 2s"' in html and 'value="40"' in html


def test_the_poll_reloads_the_page_once_the_launch_has_finished(world, client):
    client.force_login(world.hr.user)
    url = reverse("assessments:cycle_progress", args=[world.cycle.uuid])
    with in_org(world.org):
        AssessmentCycle.objects.filter(pk=world.cycle.pk).update(launch_state="running")
    assert "HX-Refresh" not in client.get(url, HTTP_HX_REQUEST="true")
    with in_org(world.org):
        AssessmentCycle.objects.filter(pk=world.cycle.pk).update(launch_state="done")
    assert client.get(url, HTTP_HX_REQUEST="true")["HX-Refresh"] == "true"
    assert "HX-Refresh" not in client.get(url)  # opened directly, it is just the fragment


def test_members_cannot_open_hr_pages(world, client):
    client.force_login(world.manager.user)
    assert client.get(reverse("assessments:cycle_list")).status_code == 403
    assert client.get(reverse("assessments:gap_report")).status_code == 403


def test_other_organization_pages_are_404(world, client):
    world.launch()
    own = world.assessment(rater=world.employee, kind="self")
    client.force_login(world.outsider.user)
    for url in (
        reverse("assessments:assessment_form", args=[own.uuid]),
        reverse("assessments:results", args=[world.employee.employee.uuid]),
        reverse("assessments:cycle_detail", args=[world.cycle.uuid]),
        reverse("assessments:cycle_export", args=[world.cycle.uuid]),
    ):
        assert client.get(url).status_code == 404, url


def test_team_heatmap_comes_a_page_of_people_at_a_time(world, client, monkeypatch):
    monkeypatch.setattr(assessment_views, "PAGE_SIZE", 2)
    _grow_team(world, 3, capabilities=1)
    cycle = _closed_cycle(world, "Paged")
    client.force_login(world.manager.user)
    url = reverse("assessments:team")
    pages = [
        client.get(url, {"cycle": cycle.uuid, "page": number}).content.decode()
        for number in (1, 2, 3)
    ]

    people = [
        re.findall(r'<th scope="row"><a href="/assessments/results/([0-9a-f-]+)/"', page)
        for page in pages
    ]
    assert [len(rows) for rows in people] == [2, 2, 1]
    assert len({person for rows in people for person in rows}) == 5  # nobody twice
    # Every page has the whole team's capabilities as columns, and links to the others.
    headers = {re.search(r"<thead>.*?</thead>", page, re.S).group(0) for page in pages}
    assert len(headers) == 1 and headers.pop().count('<th scope="col">') == 1 + 4
    assert "Page 1 of 3 (5 people)" in pages[0] and 'rel="next"' in pages[0]
    assert f"cycle={cycle.uuid}&amp;page=2" in pages[0]


# --- Guard rails: launching and closing ask first, with the numbers --------------------------


def test_closing_with_unsubmitted_assessments_without_confirmation_changes_nothing(world, client):
    world.launch()
    own = world.assessment(rater=world.employee, kind="self")
    world.rate(world.employee, own, {0: 3, 1: 3, 2: 3}, submit=True)
    client.force_login(world.hr.user)
    url = reverse("assessments:cycle_close", args=[world.cycle.uuid])

    # The old one-click form (a bare POST) and the confirmation page both leave it open.
    bare = client.post(url)
    assert bare.status_code == 200
    page = client.get(url).content.decode()
    assert "4 of 5 assessments are not submitted: they will be closed unrated." in page
    assert 'name="reason"' in page and 'name="confirmed_unsubmitted" value="4"' in page
    # Confirmed without a reason: asked for one, still open.
    no_reason = client.post(url, {"confirmed_unsubmitted": 4, "reason": " "})
    assert no_reason.status_code == 400
    assert "Say why they are closed unrated." in no_reason.content.decode()
    # The numbers changed since the page was shown: asked again with the new numbers.
    stale = client.post(url, {"confirmed_unsubmitted": 5, "reason": "Deadline passed."})
    assert stale.status_code == 409
    assert "now not submitted" in stale.content.decode()
    with in_org(world.org):
        cycle = AssessmentCycle.objects.get(pk=world.cycle.pk)
        assert cycle.status == "open" and cycle.closed_at is None
        assert not AuditEvent.objects.filter(action="assessment_cycle.closed").exists()

    done = client.post(url, {"confirmed_unsubmitted": 4, "reason": "Deadline passed."})
    assert done.status_code == 302
    with in_org(world.org):
        cycle.refresh_from_db()
        event = AuditEvent.objects.get(action="assessment_cycle.closed")
    assert cycle.status == "closed"
    assert event.reason == "Deadline passed."
    assert event.changes["not_submitted"] == 4 and event.changes["assessments"] == 5


def test_launching_asks_first_and_a_bare_post_launches_nothing(world, client):
    client.force_login(world.hr.user)
    url = reverse("assessments:cycle_launch", args=[world.cycle.uuid])
    assert client.post(url).status_code == 200
    with in_org(world.org):
        assert AssessmentCycle.objects.get(pk=world.cycle.pk).status == "draft"
    page = client.get(url).content.decode()
    assert "2 people with a job role are in scope" in page
    assert "Launch for 2 people" in page


def test_team_heatmap_comes_a_page_of_capabilities_at_a_time(world, client, monkeypatch):
    monkeypatch.setattr(assessment_views, "TEAM_COLUMNS", 2)
    cycle = _closed_cycle(world, "Columns")
    client.force_login(world.manager.user)
    url = reverse("assessments:team")
    pages = [
        client.get(url, {"cycle": cycle.uuid, "columns": number, "page": 1}).content.decode()
        for number in (1, 2)
    ]
    headers = [
        re.findall(r'<th scope="col">([^<]+)</th>', re.search(r"<thead>.*?</thead>", page, re.S)[0])
        for page in pages
    ]
    assert headers == [
        ["Person", "Complaint resolution", "Customer communication"],
        ["Person", "Negotiation"],
    ]
    # Everyone of the page of people has a row on every page of capabilities.
    for page in pages:
        assert len(re.findall(r'<th scope="row"><a href="/assessments/results/', page)) == 2
    assert f'href="?cycle={cycle.uuid}&amp;columns=2&amp;page=1">Negotiation</a>' in pages[0]
    assert 'aria-current="page">Negotiation</strong>' in pages[1]


def test_gap_report_coverage_is_what_it_was(world):
    """Coverage counts the cycle's levels at the proficient level or above per capability
    that a current role requires: the same rows, in the same order, as the query it replaced
    (every capability's levels of every cycle joined, then filtered)."""
    from django.db.models import Count, Q

    from assessments import gaps
    from assessments.selectors.requirements import proficient_level
    from capabilities.models import Capability, RoleRequirement

    first = _closed_cycle(world, "Coverage 1")
    _grow_team(world, 3, capabilities=2)
    second = _closed_cycle(world, "Coverage 2")
    with in_org(world.org):
        department = DepartmentFactory(organization=world.org, name="Sales")
        Employee.objects.filter(pk=world.employee.employee.pk).update(department=department)
        for cycle in (first, second):
            for place in (None, department):
                proficient = proficient_level()
                held = Q(consolidated_levels__cycle=cycle) & (
                    Q(consolidated_levels__adjusted_level__gte=proficient)
                    | Q(
                        consolidated_levels__adjusted_level__isnull=True,
                        consolidated_levels__level__gte=proficient,
                    )
                )
                if place is not None:
                    held &= Q(consolidated_levels__employee__department=place)
                required = RoleRequirement.objects.filter(role__assignments__ended_at__isnull=True)
                old = [
                    {**row, "at_risk": row["proficient"] <= gaps.AT_RISK_HOLDERS}
                    for row in Capability.objects.filter(id__in=required.values("capability_id"))
                    .annotate(proficient=Count("consolidated_levels", filter=held, distinct=True))
                    .order_by("proficient", "name")
                    .values("id", "name", "key", "proficient")
                ]
                new = gaps.coverage(cycle=cycle, department=place)
                assert new == old
                assert any(row["proficient"] for row in new)


def test_gap_report_is_what_its_six_aggregates_were(world):
    """The gap report's three aggregates give what the capability report, the overall index,
    the trend, the training needs and the people proficient gave as six: for everyone and a
    department, with and without a previous cycle, a calibrated level and a level without a
    target among them."""
    from decimal import Decimal

    from assessments import gaps
    from assessments.models import ConsolidatedLevel

    first = _closed_cycle(world, "Gaps 1")
    _grow_team(world, 3, capabilities=2)
    second = _closed_cycle(world, "Gaps 2")
    with in_org(world.org):
        department = DepartmentFactory(organization=world.org, name="Sales")
        Employee.objects.filter(pk=world.employee.employee.pk).update(department=department)
        levels = ConsolidatedLevel.objects.filter(cycle=second).order_by("id")
        ConsolidatedLevel.objects.filter(pk=levels[0].pk).update(adjusted_level=Decimal("4.50"))
        ConsolidatedLevel.objects.filter(pk=levels[1].pk).update(target_level=None)
        for place in (None, department):
            for previous in (first, None):
                old_levels = gaps.group_levels(cycle=second, department=place)
                before = gaps.group_levels(cycle=previous, department=place) if previous else None
                trend = gaps.trend_by_capability(cycle=second, levels=old_levels, previous=before)
                report = gaps.capability_report(levels=old_levels)
                for row in report:
                    row["trend"] = trend.get(row["capability_id"])
                old = {
                    "report": report,
                    "overall": gaps.overall_gap_index(levels=old_levels),
                    "needs": gaps.training_needs(levels=old_levels),
                    "proficient": gaps.proficient_counts(cycle=second, department=place),
                }
                new = gaps.gap_report(cycle=second, department=place, previous=previous)
                assert new == old
                assert new["report"] and new["needs"]
                if previous is not None:
                    assert any(row["trend"] is not None for row in new["report"])
