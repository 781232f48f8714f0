"""Pay equity: medians and gaps per grade, small groups suppressed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reward import equity
from tests.conftest import in_org
from tests.reward.factories import PayGradeFactory, PayRecordFactory

pytestmark = pytest.mark.django_db


def _pay(org, grade, gender, amounts):
    for amount in amounts:
        PayRecordFactory(
            organization=org,
            grade=grade,
            base_pay=Decimal(amount),
            equity_attributes={"gender": gender},
        )


def test_medians_and_the_gap_to_the_largest_group(org_a):
    grade = PayGradeFactory(organization=org_a, name="G5")
    _pay(org_a, grade, "male", [50000, 52000, 54000, 56000, 58000, 60000])
    _pay(org_a, grade, "female", [48000, 49000, 51000, 50000, 47000])
    with in_org(org_a):
        assert equity.equity_attributes() == ["gender"]
        (g5,) = equity.pay_equity(attribute="gender", min_group=5)
    assert g5.reference == "male"
    female, male = g5.groups
    assert (female.count, female.median_pay, female.suppressed) == (5, Decimal("49000.00"), False)
    assert male.median_pay == Decimal("55000.00")
    assert female.gap_percent == Decimal("-10.9") and male.gap_percent == Decimal("0.0")
    assert female.median_compa_ratio == Decimal("0.98")


def test_a_small_group_is_suppressed_and_so_is_its_only_comparison(org_a):
    grade = PayGradeFactory(organization=org_a, name="G5")
    _pay(org_a, grade, "male", [50000] * 6)
    _pay(org_a, grade, "female", [40000] * 2)
    with in_org(org_a):
        (g5,) = equity.pay_equity(attribute="gender", min_group=5)
    assert all(group.suppressed for group in g5.groups)
    assert all(group.median_pay is None and group.gap_percent is None for group in g5.groups)
    assert {group.count for group in g5.groups} == {6, 2}


def test_with_two_large_groups_only_the_small_one_is_hidden(org_a):
    grade = PayGradeFactory(organization=org_a, name="G5")
    _pay(org_a, grade, "male", [50000] * 5)
    _pay(org_a, grade, "female", [50000] * 5)
    _pay(org_a, grade, "non-binary", [52000])
    with in_org(org_a):
        (g5,) = equity.pay_equity(attribute="gender", min_group=5)
    hidden = {group.value: group.suppressed for group in g5.groups}
    assert hidden == {"female": False, "male": False, "non-binary": True}


def test_the_import_keeps_equity_columns_and_the_page_suppresses(org_a, hr_admin, employee, client):
    from reward import imports
    from reward.models import PayRecord
    from tests.reward.conftest import actor_of

    data = (
        b"email,base_pay,effective_date,equity_gender\nemployee@a.example,50000,2027-01-01,female\n"
    )
    with in_org(org_a):
        imports.pay_import(actor=actor_of(hr_admin), data=data)
        record = PayRecord.objects.get()
        assert record.equity_attributes == {"gender": "female"}
        record.grade = PayGradeFactory(organization=org_a, name="G5")
        record.save()
    client.force_login(hr_admin.user)
    page = client.get("/reward/pay/?attribute=gender").content.decode()
    equity_table = page.split("Pay equity", 1)[1].split("Import pay", 1)[0]
    assert "Too few people to show" in equity_table and "50000" not in equity_table
