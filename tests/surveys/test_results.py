"""Results: eNPS, groups below the minimum, complementary suppression under combined filters,
who sees what."""

from __future__ import annotations

import datetime
import itertools
import random

import pytest
from django.utils import timezone

from surveys import results, services
from surveys.results import Enps, shown_values, why_hidden
from tests import factories
from tests.conftest import in_org
from tests.surveys.conftest import actor_of, fill
from tests.surveys.factories import SurveyRoundFactory


@pytest.mark.parametrize(
    "values, expected",
    [
        ([10, 9, 8, 7, 6, 0], (0, 2, 2, 2)),
        ([10, 10, 10, 9, 0], (60, 4, 0, 1)),
        ([6, 6, 6, 6, 6], (-100, 0, 0, 5)),
        ([9, 9, 9, 9, 9], (100, 5, 0, 0)),
        ([7, 8, 7, 8, 7], (0, 0, 5, 0)),
        ([10, 9, 8, 5, 3, 2, 1], (-29, 2, 1, 4)),  # (2 - 4) / 7 = -28.6 %
    ],
)
def test_enps_counts_nine_and_ten_as_promoters_and_zero_to_six_as_detractors(values, expected):
    enps = Enps.of(values)
    assert (enps.score, enps.promoters, enps.passives, enps.detractors) == expected


def test_no_enps_without_answers():
    assert Enps.of([]) is None


def _by_label(rows):
    return {(r.department.name if r.department else "all"): r for r in rows}


def test_a_round_below_the_minimum_shows_nothing(org_a, hr_admin, pulse, open_round):
    fill(open_round, enps=[10, 9, 0, 3], comments=["Mine", "Yours"])
    with in_org(org_a):
        (only,) = results.survey_results(actor=actor_of(hr_admin), survey=pulse)
    assert only.hidden == results.HIDDEN_BELOW_MINIMUM
    assert (only.responses, only.enps, only.questions, only.comments) == (None, None, [], [])


def test_a_small_department_is_hidden_and_so_is_its_complement(
    org_a, hr_admin, pulse, open_round, departments
):
    fill(open_round, department=departments["Sales"], enps=[10] * 6, comments=["b", "A", "c"])
    fill(open_round, department=departments["Support"], enps=[0] * 5)
    fill(open_round, department=departments["Legal"], enps=[9, 9])
    with in_org(org_a):
        rows = results.survey_results(actor=actor_of(hr_admin), survey=pulse, by=results.DEPARTMENT)
    by = _by_label(rows)
    assert by["all"].shown and by["all"].responses == 13
    assert by["Sales"].shown and by["Sales"].responses == 6 and by["Sales"].enps.score == 100
    assert by["Legal"].hidden == results.HIDDEN_BELOW_MINIMUM
    # Support alone meets the minimum, but everyone - Sales - Support would be Legal's two.
    assert by["Support"].hidden == results.HIDDEN_COMPLEMENT
    assert by["Support"].enps is None and by["Support"].responses is None
    # Comments without identity and in no order of arrival.
    assert by["Sales"].comments == ["A", "b", "c"]


def test_asking_for_a_hidden_department_directly_gets_nothing(
    org_a, hr_admin, pulse, open_round, departments
):
    fill(open_round, department=departments["Sales"], enps=[10] * 6)
    fill(open_round, department=departments["Support"], enps=[0] * 5)
    fill(open_round, department=departments["Legal"], enps=[9, 9])
    with in_org(org_a):
        for name in ("Support", "Legal"):
            (row,) = results.survey_results(
                actor=actor_of(hr_admin), survey=pulse, department=departments[name]
            )
            assert not row.shown and row.enps is None and row.comments == []


def test_combining_department_and_team_never_shows_a_small_group(
    org_a, hr_admin, pulse, open_round, departments
):
    lead_a = factories.EmployeeFactory(organization=org_a, last_name="Alpha")
    lead_b = factories.EmployeeFactory(organization=org_a, last_name="Beta")
    sales = departments["Sales"]
    fill(open_round, department=sales, team=lead_a, enps=[10] * 5)
    fill(open_round, department=sales, team=lead_b, enps=[0])  # one person
    fill(open_round, department=departments["Support"], team=lead_b, enps=[5] * 6)
    actor = actor_of(hr_admin)
    with in_org(org_a):
        # Sales (6) is shown; Sales x team Alpha (5) is big enough alone, but Sales minus it is
        # the one person of team Beta in Sales: both are hidden.
        (sales_row,) = results.survey_results(actor=actor, survey=pulse, department=sales)
        (cell,) = results.survey_results(actor=actor, survey=pulse, department=sales, team=lead_a)
        teams = results.survey_results(actor=actor, survey=pulse, department=sales, by="team")
        (beta,) = results.survey_results(actor=actor, survey=pulse, team=lead_b)
        (beta_support,) = results.survey_results(
            actor=actor, survey=pulse, team=lead_b, department=departments["Support"]
        )
    assert sales_row.shown and sales_row.responses == 6
    assert cell.hidden == results.HIDDEN_COMPLEMENT
    assert [t.shown for t in teams] == [True, False, False]
    # Team Beta (7) is shown, but Beta in Support (6) would leave Beta's one person in Sales.
    assert beta.shown and beta.responses == 7
    assert not beta_support.shown


def _cells(rows, minimum):
    """Every cell of up to two filters over the values present, with whether it is shown."""
    departments = sorted({r[0] for r in rows}, key=str)
    teams = sorted({r[1] for r in rows}, key=str)
    cells = [{}]
    cells += [{"department": d} for d in departments]
    cells += [{"team": t} for t in teams]
    cells += [{"department": d, "team": t} for d, t in itertools.product(departments, teams)]
    return [(cell, not why_hidden(rows, cell, minimum)) for cell in cells]


@pytest.mark.parametrize("seed", range(40))
def test_no_hidden_group_can_be_worked_out_from_a_parent_and_its_shown_groups(seed):
    """For every shown cell and each dimension, what the shown groups under it leave is either
    nothing or at least the minimum; and no shown cell is smaller than the minimum."""
    rng = random.Random(seed)
    minimum = rng.choice([3, 5])
    rows = [
        (rng.choice(["d1", "d2", "d3", None]), rng.choice(["t1", "t2", "t3", "t4"]), {})
        for _ in range(rng.randint(4, 40))
    ]
    shown = {tuple(sorted(cell.items())): ok for cell, ok in _cells(rows, minimum)}
    size = {
        key: sum(1 for r in rows if all(r[0 if d == "department" else 1] == v for d, v in key))
        for key in shown
    }
    for key, ok in shown.items():
        if not ok:
            continue
        assert size[key] >= minimum
        parent = dict(key)
        for dim in ("department", "team"):
            if dim in parent:
                continue
            children = [
                k
                for k in shown
                if dict(k).keys() == {*parent, dim}
                and all(dict(k)[d] == v for d, v in parent.items())
            ]
            left = size[key] - sum(size[k] for k in children if shown[k])
            assert left == 0 or left >= minimum, (key, dim, rows)
        # A shown cell's parents are shown.
        for dim in parent:
            up = tuple(sorted((d, v) for d, v in parent.items() if d != dim))
            assert shown[up]


def test_shown_values_hide_the_smallest_groups_until_the_hidden_ones_are_enough():
    rows = (
        [("a", None, {})] * 9
        + [("b", None, {})] * 6
        + [("c", None, {})] * 5
        + [("d", None, {})] * 1
    )
    assert shown_values(rows, "department", 5) == {"a", "b"}
    assert shown_values(rows, "department", 10) == set()  # everything or nothing


def test_a_manager_sees_only_their_own_team_and_only_above_the_minimum(
    org_a, hr_admin, manager, employee, pulse, open_round, departments
):
    other = factories.member(org_a, email="lead2@a.example", manager=hr_admin.employee)
    # The manager's team: six responses; another team: five; the rest of the organisation: 9.
    fill(open_round, team=manager.employee, enps=[10] * 6)
    fill(open_round, team=other.employee, enps=[0] * 5)
    fill(open_round, team=hr_admin.employee, enps=[8] * 9)
    with in_org(org_a):
        mine = results.survey_results(actor=actor_of(manager), survey=pulse)
        asked_for_other = results.survey_results(
            actor=actor_of(manager), survey=pulse, team=other.employee
        )
        by_department = results.survey_results(
            actor=actor_of(manager),
            survey=pulse,
            by=results.DEPARTMENT,
            department=departments["Sales"],
        )
        nothing = results.survey_results(actor=actor_of(employee), survey=pulse)
    assert [(r.team, r.responses, r.enps.score) for r in mine] == [(manager.employee, 6, 100)]
    # Asking for another team still answers with the manager's own.
    assert [r.team for r in asked_for_other] == [manager.employee]
    assert all(r.team == manager.employee for r in by_department)
    assert all(not r.shown for r in by_department)  # no Sales responses in the team
    assert nothing == []


def test_a_managers_small_team_is_hidden(org_a, hr_admin, manager, employee, pulse, open_round):
    fill(open_round, team=manager.employee, enps=[10] * 4)
    fill(open_round, team=hr_admin.employee, enps=[8] * 9)
    with in_org(org_a):
        (row,) = results.survey_results(actor=actor_of(manager), survey=pulse)
    assert row.hidden == results.HIDDEN_BELOW_MINIMUM and row.enps is None


def test_the_trend_has_one_point_per_round_and_respects_the_minimum(
    org_a, hr_admin, pulse, departments
):
    start = timezone.now() - datetime.timedelta(days=90)
    rounds = [
        SurveyRoundFactory(
            organization=org_a,
            survey=pulse,
            number=n + 1,
            opens_at=start + datetime.timedelta(days=30 * n),
            closes_at=start + datetime.timedelta(days=30 * n + 7),
        )
        for n in range(3)
    ]
    fill(rounds[0], enps=[10, 10, 0, 0, 8])  # 0
    fill(rounds[1], enps=[10, 10, 10, 0, 8])  # 40
    fill(rounds[2], enps=[10, 10])  # too few
    with in_org(org_a):
        trend = results.survey_results(actor=actor_of(hr_admin), survey=pulse)
    assert [r.round.number for r in trend] == [1, 2, 3]
    assert [r.enps.score if r.shown else None for r in trend] == [0, 40, None]


def test_the_organisations_minimum_applies(org_a, hr_admin, pulse, open_round):
    fill(open_round, enps=[10, 9, 0])
    with in_org(org_a):
        (before,) = results.survey_results(actor=actor_of(hr_admin), survey=pulse)
        services.survey_settings_update(actor=actor_of(hr_admin), min_group_size=3)
        (after,) = results.survey_results(actor=actor_of(hr_admin), survey=pulse)
    assert not before.shown
    assert after.shown and after.enps.score == 33
