"""Pay is confidential: one rule decides who reads it, every read of another's pay is audited,
and the pay import is all or nothing."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from plms.audit.models import AuditEvent
from plms.common.errors import ApplicationError, PermissionDenied
from plms.common.imports import ImportFailed
from plms.common.spreadsheets import xlsx_bytes
from reward import imports, selectors, services
from reward.models import PayRecord
from tests import factories
from tests.conftest import in_org
from tests.reward.conftest import actor_of
from tests.reward.factories import CompensationGrantFactory, PayGradeFactory, PayRecordFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(org_a, org_b, hr_admin, manager, employee, outsider):
    other_manager = factories.member(org_a, email="other@a.example", manager=hr_admin.employee)
    return {
        "HR admin": hr_admin,
        "manager": manager,
        "employee": employee,
        "peer": factories.member(org_a, email="peer@a.example", manager=manager.employee),
        "manager of another team": other_manager,
        "their report": factories.member(
            org_a, email="r@a.example", manager=other_manager.employee
        ),
    }


@pytest.fixture
def pay(org_a, employee):
    grade = PayGradeFactory(organization=org_a, name="G5")
    return PayRecordFactory(
        organization=org_a, employee=employee.employee, grade=grade, base_pay=Decimal("45000")
    )


def _reads(org) -> int:
    with in_org(org):
        return AuditEvent.objects.filter(action=selectors.PAY_READ).count()


def test_compa_ratio_and_position_in_range(pay):
    assert pay.compa_ratio == Decimal("0.90")
    assert pay.position_in_range == Decimal("25.0")


def test_hr_reads_and_the_read_is_audited(org_a, people, pay):
    with in_org(org_a):
        record = selectors.pay_record_for_viewer(
            actor=actor_of(people["HR admin"]), employee=pay.employee
        )
        assert record == pay
        event = AuditEvent.objects.get(action=selectors.PAY_READ)
        assert event.object_uuid == pay.uuid and event.actor_user == people["HR admin"].user


def test_a_manager_reads_their_reports_pay_only_with_a_grant(org_a, people, pay):
    manager = actor_of(people["manager"])
    with in_org(org_a):
        assert selectors.pay_record_for_viewer(actor=manager, employee=pay.employee) is None
    CompensationGrantFactory(organization=org_a, manager=people["manager"].employee)
    with in_org(org_a):
        assert selectors.pay_record_for_viewer(actor=manager, employee=pay.employee) == pay
        assert list(selectors.pay_records_readable(actor=manager)) == [pay]
    assert _reads(org_a) == 1


@pytest.mark.parametrize("role", ["employee", "peer", "manager of another team", "their report"])
def test_nobody_else_reads_it(org_a, people, pay, role):
    # Every manager holds a grant: the grant alone never opens another team's pay.
    for name in ("manager", "manager of another team"):
        CompensationGrantFactory(organization=org_a, manager=people[name].employee)
    actor = actor_of(people[role])
    with in_org(org_a):
        if role == "employee":
            assert selectors.pay_record_for_viewer(actor=actor, employee=pay.employee) is None
        else:
            assert not selectors.pay_readable(actor=actor, employee=pay.employee)
            assert pay not in selectors.pay_records_readable(actor=actor)
    assert _reads(org_a) == 0


def test_the_employee_reads_their_own_when_the_organisation_allows_it(org_a, people, pay):
    with in_org(org_a):
        services.reward_settings_update(
            actor=actor_of(people["HR admin"]), employees_see_own_pay=True
        )
        me = actor_of(people["employee"])
        assert selectors.pay_record_for_viewer(actor=me, employee=pay.employee) == pay
        assert not selectors.pay_readable(actor=actor_of(people["peer"]), employee=pay.employee)
    assert _reads(org_a) == 0, "reading one's own pay is not another's read"


def test_another_organisation_never_reads_it(org_b, outsider, pay):
    with in_org(org_b):
        assert not selectors.pay_readable(actor=actor_of(outsider), employee=pay.employee)
        assert not selectors.pay_records_readable(actor=actor_of(outsider)).exists()


def test_only_hr_sets_pay_and_each_change_is_audited(org_a, people, pay):
    with in_org(org_a):
        with pytest.raises(PermissionDenied):
            services.pay_record_set(
                actor=actor_of(people["manager"]),
                employee=pay.employee,
                base_pay=Decimal(1),
                effective_date=datetime.date(2027, 1, 1),
            )
        services.pay_record_set(
            actor=actor_of(people["HR admin"]),
            employee=pay.employee,
            base_pay=Decimal("47000"),
            grade=pay.grade,
            effective_date=datetime.date(2027, 1, 1),
        )
        event = AuditEvent.objects.get(action="pay.changed")
        assert event.changes["base_pay"] == {"before": "45000.00", "after": "47000"}


def test_a_grade_must_rise(org_a, hr_admin):
    with in_org(org_a), pytest.raises(ApplicationError) as refused:
        services.pay_grade_create(
            actor=actor_of(hr_admin),
            name="Odd",
            minimum=Decimal(10),
            midpoint=Decimal(5),
            maximum=Decimal(20),
        )
    assert refused.value.code == "invalid_pay_grade"


CSV = (
    "email,grade,base_pay,currency,effective_date\n"
    "employee@a.example,G5,52000,EUR,2027-01-01\n"
    "manager@a.example,,61000.50,,2027-01-01\n"
)


def test_the_import_writes_every_row(org_a, people):
    PayGradeFactory(organization=org_a, name="G5")
    with in_org(org_a):
        result = imports.pay_import(actor=actor_of(people["HR admin"]), data=CSV.encode())
        assert result.imported == 2
        assert PayRecord.objects.get(employee__email="manager@a.example").base_pay == Decimal(
            "61000.50"
        )


def test_the_import_is_all_or_nothing_naming_each_bad_row(org_a, people):
    PayGradeFactory(organization=org_a, name="G5")
    bad = CSV + "nobody@a.example,G9,-1,EURO,01/01/2027\n"
    with in_org(org_a):
        with pytest.raises(ImportFailed) as failed:
            imports.pay_import(actor=actor_of(people["HR admin"]), data=bad.encode())
        assert {(e.line, e.column) for e in failed.value.errors} == {
            (4, "email"),
            (4, "grade"),
            (4, "base_pay"),
            (4, "currency"),
            (4, "effective_date"),
        }
        assert not PayRecord.objects.exists()


def test_the_import_reads_xlsx(org_a, people):
    data = xlsx_bytes(
        [
            (
                "Pay",
                ["email", "base_pay", "effective_date"],
                [["employee@a.example", 50000, "2027-02-01"]],
            )
        ]
    )
    with in_org(org_a):
        assert (
            imports.pay_import(actor=actor_of(people["HR admin"]), data=data, fmt="xlsx").imported
            == 1
        )
