"""Bonus runs: each part and the total, pro-rating at the year's edges, eligibility, HR's
adjustment with and without a reason, finalising, export escaping, who reads, another
organisation's run."""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from plms.audit.models import AuditEvent
from plms.common.errors import ApplicationError, NotFound, PermissionDenied
from reward import bonus
from reward.models import BonusLine, BonusRun
from tests import factories
from tests.conftest import in_org
from tests.reward.conftest import actor_of
from tests.reward.factories import (
    CompensationGrantFactory,
    PayGradeFactory,
    PayRecordFactory,
    PerformanceRatingFactory,
)

D = Decimal


@pytest.mark.parametrize(
    ("start", "left", "expected"),
    [
        (None, None, D(1)),
        (datetime.date(2027, 1, 1), None, D(1)),
        (datetime.date(2020, 5, 1), datetime.date(2027, 12, 31), D(1)),
        (datetime.date(2027, 12, 31), None, D("0.0027")),  # one day of 365
        (None, datetime.date(2027, 1, 1), D("0.0027")),
        (datetime.date(2027, 7, 1), None, D("0.5041")),  # 184 days
        (datetime.date(2027, 4, 1), datetime.date(2027, 6, 30), D("0.2493")),  # 91 days
        (datetime.date(2028, 1, 1), None, D(0)),  # starts after the year
        (None, datetime.date(2026, 12, 31), D(0)),  # left before it
    ],
)
def test_prorate_factor(start, left, expected):
    assert bonus.prorate_factor(year=2027, start_date=start, left_on=left) == expected


def test_prorate_counts_a_leap_year_in_366_days():
    half = bonus.prorate_factor(year=2028, start_date=datetime.date(2028, 7, 2), left_on=None)
    assert half == D("0.5000")  # 183 of 366


@pytest.fixture
def world(org_a, hr_admin, manager, employee):
    """Sales (multiplier 1.2): the employee, 60,000 in a 10 % grade, rated 4 (* 1.25), all
    year. A newcomer from 1 Jul 2027, 40,000, unrated, no department. Someone who left in
    2026 and someone in a grade without bonus take no part. Company multiplier 0.9."""
    sales = factories.DepartmentFactory(organization=org_a, name="Sales")
    ten = PayGradeFactory(organization=org_a, name="G10", target_bonus_percent=D(10))
    none = PayGradeFactory(organization=org_a, name="G0", target_bonus_percent=D(0))
    newcomer = factories.member(
        org_a, email="new@a.example", manager=manager.employee, start_date=datetime.date(2027, 7, 1)
    )
    gone = factories.member(
        org_a,
        email="gone@a.example",
        manager=manager.employee,
        active=False,
        left_on=datetime.date(2026, 12, 31),
    )
    no_bonus = factories.member(org_a, email="nobonus@a.example", manager=manager.employee)
    with in_org(org_a):
        employee.employee.department = sales
        employee.employee.save()
    PayRecordFactory(organization=org_a, employee=employee.employee, grade=ten, base_pay=D(60000))
    PayRecordFactory(organization=org_a, employee=newcomer.employee, grade=ten, base_pay=D(40000))
    PayRecordFactory(organization=org_a, employee=gone.employee, grade=ten)
    PayRecordFactory(organization=org_a, employee=no_bonus.employee, grade=none)
    rating = PerformanceRatingFactory(
        organization=org_a, employee=employee.employee, proposed_level=3, manager_level=4
    )
    with in_org(org_a):
        run = bonus.bonus_run_open(
            actor=actor_of(hr_admin),
            name="2027 bonus",
            year=2027,
            cycle=rating.cycle,
            company_multiplier=D("0.9"),
            department_multipliers={sales: D("1.2")},
        )
    return {"run": run, "newcomer": newcomer, "sales": sales}


def _lines(org, run):
    with in_org(org):
        return {line.employee.email: line for line in run.lines.select_related("employee")}


def test_each_part_and_the_total(org_a, world, employee):
    lines = _lines(org_a, world["run"])
    assert set(lines) == {"employee@a.example", "new@a.example"}
    line = lines["employee@a.example"]
    assert line.base_pay == D(60000)
    assert line.target_percent == D(10)
    assert line.target_amount == D(6000)
    assert line.company_multiplier == D("0.90")
    assert line.department_multiplier == D("1.20")
    assert line.rating == 4
    assert line.individual_multiplier == D("1.25")
    assert line.prorate == D(1)
    assert line.computed_amount == D("8100.00")  # 6000 * 0.9 * 1.2 * 1.25
    assert line.amount == D("8100.00")
    newcomer = lines["new@a.example"]
    assert newcomer.rating is None
    assert newcomer.individual_multiplier == D(1)
    assert newcomer.department_multiplier == D(1)
    assert newcomer.prorate == D("0.5041")
    assert newcomer.computed_amount == D("1814.76")  # 4000 * 0.9 * 0.5041


def test_a_run_can_name_its_own_rating_table(org_a, hr_admin, employee):
    grade = PayGradeFactory(organization=org_a, target_bonus_percent=D(20))
    PayRecordFactory(organization=org_a, employee=employee.employee, grade=grade)
    rating = PerformanceRatingFactory(
        organization=org_a, employee=employee.employee, manager_level=4, calibrated_level=2
    )
    with in_org(org_a):
        run = bonus.bonus_run_open(
            actor=actor_of(hr_admin),
            name="Special",
            year=2027,
            cycle=rating.cycle,
            rating_multipliers={2: D("0.3")},
        )
        line = run.lines.get()
    assert line.rating == 2  # calibration's level wins
    assert line.individual_multiplier == D("0.30")
    assert line.computed_amount == D("3000.00")  # 50,000 * 20 % * 0.3


def test_multipliers_out_of_range_are_refused(org_a, hr_admin):
    with in_org(org_a), pytest.raises(ApplicationError) as error:
        bonus.bonus_run_open(
            actor=actor_of(hr_admin), name="x", year=2027, company_multiplier=D(-1)
        )
    assert "company_multiplier" in error.value.fields


def test_only_hr_opens_a_run(org_a, manager):
    with in_org(org_a), pytest.raises(PermissionDenied):
        bonus.bonus_run_open(actor=actor_of(manager), name="x", year=2027)


def test_adjusting_needs_a_reason_and_is_audited(org_a, hr_admin, world):
    line = _lines(org_a, world["run"])["employee@a.example"]
    with in_org(org_a):
        with pytest.raises(ApplicationError) as error:
            bonus.bonus_adjust(actor=actor_of(hr_admin), line=line, amount=D(9000), reason=" ")
        assert "reason" in error.value.fields
        with pytest.raises(ApplicationError):
            bonus.bonus_adjust(actor=actor_of(hr_admin), line=line, amount=D(-1), reason="x")
        bonus.bonus_adjust(
            actor=actor_of(hr_admin), line=line, amount=D("9000"), reason="Closed the big deal"
        )
        line.refresh_from_db()
        event = AuditEvent.objects.get(action="bonus.adjusted")
    assert line.computed_amount == D("8100.00")
    assert line.amount == D("9000.00")
    assert line.adjustment_reason == "Closed the big deal"
    assert event.reason == "Closed the big deal"
    assert event.changes == {"amount": ["8100.00", "9000.00"]}


def test_a_finalised_run_no_longer_changes(org_a, hr_admin, world):
    line = _lines(org_a, world["run"])["employee@a.example"]
    with in_org(org_a):
        bonus.bonus_run_finalise(actor=actor_of(hr_admin), run=world["run"])
        assert BonusRun.objects.get().status == BonusRun.Status.FINALISED
        with pytest.raises(ApplicationError):
            bonus.bonus_adjust(actor=actor_of(hr_admin), line=line, amount=D(1), reason="x")
        with pytest.raises(ApplicationError):
            bonus.bonus_run_finalise(actor=actor_of(hr_admin), run=world["run"])


def test_export_escapes_formulas(org_a, hr_admin, world, employee):
    with in_org(org_a):
        employee.employee.first_name = "=HYPERLINK(1)"
        employee.employee.save()
        line = world["run"].lines.get(employee=employee.employee)
        bonus.bonus_adjust(actor=actor_of(hr_admin), line=line, amount=D(1), reason="+1 cmd")
        text = bonus.bonus_export(actor=actor_of(hr_admin), run=world["run"]).decode()
        book = bonus.bonus_export(actor=actor_of(hr_admin), run=world["run"], fmt="xlsx")
        assert AuditEvent.objects.filter(action="data.exported").count() == 2
    rows = {row["email"]: row for row in csv.DictReader(io.StringIO(text.lstrip("\ufeff")))}
    row = rows["employee@a.example"]
    assert row["name"].startswith("'=HYPERLINK(1)")
    assert row["adjustment_reason"] == "'+1 cmd"
    assert row["computed_amount"] == "8100.00"
    assert row["amount"] == "1.00"
    sheet = load_workbook(io.BytesIO(book)).active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert "'+1 cmd" in values
    assert not any(isinstance(v, str) and v.startswith("=") for v in values)


def test_reads_follow_the_pay_rule(org_a, hr_admin, manager, employee, world):
    run = world["run"]
    with in_org(org_a):
        # Another person: no runs, no lines.
        assert not bonus.bonus_runs_for_viewer(actor=actor_of(employee)).exists()
        assert not bonus.bonus_lines_readable(actor=actor_of(employee), run=run).exists()
        assert not bonus.bonus_lines_readable(actor=actor_of(manager), run=run).exists()
        with pytest.raises(NotFound):
            bonus.bonus_run_get(actor=actor_of(manager), uuid=run.uuid)
        # A manager granted compensation access reads their reports' lines; audited.
        CompensationGrantFactory(organization=org_a, manager=manager.employee)
        shown = bonus.bonus_lines_read(
            actor=actor_of(manager),
            lines=bonus.bonus_lines_readable(actor=actor_of(manager), run=run),
        )
        assert {line.employee.email for line in shown} == {"new@a.example"} | (
            {"employee@a.example"}
        )
        assert AuditEvent.objects.filter(action="pay.read").count() == 2
        assert bonus.bonus_lines_readable(actor=actor_of(hr_admin), run=run).count() == 2


def test_another_organisations_run_is_not_found(org_a, org_b, world, outsider):
    run = world["run"]
    with in_org(org_b):
        with pytest.raises(NotFound):
            bonus.bonus_run_get(actor=actor_of(outsider), uuid=run.uuid)
        assert not BonusLine.objects.exists()
    with in_org(org_a), pytest.raises(NotFound):
        bonus.bonus_run_finalise(actor=actor_of(outsider), run=run)
