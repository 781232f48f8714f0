"""The bonus run pages: HR opens a run with its multipliers, sees each person's bonus with
every part, adjusts one with a reason, finalises and downloads; a manager with the
compensation permission sees their reports' lines only; others see no run; the pages keep a
constant number of queries."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plms.audit.models import AuditEvent
from plms.events.models import OutboxEvent
from reward import selectors
from reward.models import BonusLine, BonusRun
from tests import factories
from tests.conftest import in_org
from tests.reward.factories import (
    BonusLineFactory,
    BonusRunFactory,
    CompensationGrantFactory,
    PayGradeFactory,
    PayRecordFactory,
    PerformanceRatingFactory,
)

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def world(org_a, hr_admin, manager, employee, scale):
    sales = factories.DepartmentFactory(organization=org_a, name="Sales")
    grade = PayGradeFactory(organization=org_a, target_bonus_percent=D(10))
    colleague = factories.member(org_a, email="colleague@a.example", manager=hr_admin.employee)
    with in_org(org_a):
        employee.employee.department = sales
        employee.employee.save()
    PayRecordFactory(organization=org_a, employee=employee.employee, grade=grade, base_pay=D(60000))
    PayRecordFactory(
        organization=org_a, employee=colleague.employee, grade=grade, base_pay=D(50000)
    )
    rating = PerformanceRatingFactory(
        organization=org_a, employee=employee.employee, proposed_level=3, manager_level=4
    )
    rating.cycle.status = "closed"
    with in_org(org_a):
        rating.cycle.save()
    return {"sales": sales, "cycle": rating.cycle, "colleague": colleague}


def test_hr_opens_adjusts_finalises_and_downloads(org_a, world, hr_admin, employee, client):
    client.force_login(hr_admin.user)
    listing = client.get(reverse("reward:bonus_run_list"))
    assert listing.status_code == 200
    page = listing.content.decode()
    assert "Multiplier for Sales" in page and "Individual multiplier for 4 Exceeds" in page
    form = {
        "name": "2027 bonus",
        "year": 2027,
        "cycle": str(world["cycle"].uuid),
        "company_multiplier": "0.9",
        f"department_{world['sales'].uuid.hex}": "1.2",
        "rating_5": "1.5",
        "rating_4": "1.25",
        "rating_3": "1",
        "rating_2": "0.5",
        "rating_1": "0",
        "rating_unrated": "0.8",
    }
    opened = client.post(reverse("reward:bonus_run_list"), form)
    assert opened.status_code == 302, opened.content.decode()[:2000]
    with in_org(org_a):
        run = BonusRun.objects.get()
        line = BonusLine.objects.get(employee=employee.employee)
    detail = client.get(reverse("reward:bonus_run_detail", kwargs={"id": run.uuid})).content
    page = detail.decode()
    for part in (
        "60000.00 EUR",
        "10.00 % = 6000.00",
        "\u00d7 0.90",
        "\u00d7 1.20",
        "4 Exceeds",
        "8100.00",
    ):
        assert part in page, part
    assert "3600.00" in page  # the colleague: 5000 * 0.9 * 0.8 (unrated)
    assert "to pay 11700.00" in page

    adjust = reverse("reward:bonus_line", kwargs={"id": line.uuid})
    assert "Adjust the bonus" in client.get(adjust).content.decode()
    refused = client.post(adjust, {"amount": "9000", "reason": ""})
    assert refused.status_code == 200 and "This field is required." in refused.content.decode()
    client.post(adjust, {"amount": "9000", "reason": "Closed the big deal"})
    with in_org(org_a):
        line.refresh_from_db()
    assert line.amount == D(9000) and line.computed_amount == D("8100.00")
    assert "Closed the big deal" in client.get(adjust).content.decode()

    client.post(reverse("reward:bonus_run_finalise", kwargs={"id": run.uuid}))
    with in_org(org_a):
        run.refresh_from_db()
        assert OutboxEvent.objects.filter(name="bonus_run_finalised").count() == 1
    assert run.status == BonusRun.Status.FINALISED
    assert "Adjust the bonus" not in client.get(adjust).content.decode()
    assert client.post(adjust, {"amount": "1", "reason": "x"}).status_code == 404
    download = client.get(reverse("reward:bonus_run_export", kwargs={"id": run.uuid}))
    assert download.status_code == 200 and b"9000.00" in download.content
    xlsx = client.get(
        reverse("reward:bonus_run_export", kwargs={"id": run.uuid}), {"file_format": "xlsx"}
    )
    assert "spreadsheetml" in xlsx["Content-Type"]


def test_a_manager_with_the_permission_sees_only_their_reports(
    org_a, world, hr_admin, manager, employee, client
):
    run = BonusRunFactory(organization=org_a)
    mine = BonusLineFactory(organization=org_a, run=run, employee=employee.employee)
    other = BonusLineFactory(organization=org_a, run=run, employee=world["colleague"].employee)
    client.force_login(manager.user)
    detail = reverse("reward:bonus_run_detail", kwargs={"id": run.uuid})
    assert client.get(reverse("reward:bonus_run_list")).status_code == 404
    assert client.get(detail).status_code == 404
    CompensationGrantFactory(organization=org_a, manager=manager.employee)
    assert client.get(reverse("reward:bonus_run_list")).status_code == 200
    page = client.get(detail).content.decode()
    assert employee.employee.full_name in page
    assert world["colleague"].employee.full_name not in page
    assert "Finalise the bonus run" not in page and "Download the bonus file" not in page
    assert client.get(reverse("reward:bonus_line", kwargs={"id": mine.uuid})).status_code == 200
    assert client.get(reverse("reward:bonus_line", kwargs={"id": other.uuid})).status_code == 404
    line_page = client.get(reverse("reward:bonus_line", kwargs={"id": mine.uuid})).content
    assert b"Adjust the bonus" not in line_page
    assert (
        client.post(
            reverse("reward:bonus_line", kwargs={"id": mine.uuid}), {"amount": 1, "reason": "x"}
        ).status_code
        == 404
    )
    assert (
        client.post(reverse("reward:bonus_run_finalise", kwargs={"id": run.uuid})).status_code
        == 403
    )
    assert (
        client.get(reverse("reward:bonus_run_export", kwargs={"id": run.uuid})).status_code == 403
    )
    with in_org(org_a):
        reads = AuditEvent.objects.filter(action=selectors.PAY_READ)
        assert reads.count() == 3  # the run's page, the line's page twice
        assert set(reads.values_list("object_uuid", flat=True)) == {mine.uuid}


def test_a_person_sees_no_run(org_a, world, employee, client):
    run = BonusRunFactory(organization=org_a)
    line = BonusLineFactory(organization=org_a, run=run, employee=employee.employee)
    client.force_login(employee.user)
    assert client.get(reverse("reward:bonus_run_list")).status_code == 404
    assert (
        client.get(reverse("reward:bonus_run_detail", kwargs={"id": run.uuid})).status_code == 404
    )
    assert client.get(reverse("reward:bonus_line", kwargs={"id": line.uuid})).status_code == 404


def test_the_pages_keep_their_queries(org_a, hr_admin, client):
    client.force_login(hr_admin.user)
    run = BonusRunFactory(organization=org_a)
    BonusLineFactory(organization=org_a, run=run)
    urls = [reverse("reward:bonus_run_list"), reverse("reward:bonus_run_detail", args=[run.uuid])]
    for url in urls:
        client.get(url)
    small = {}
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        small[url] = len(queries)
    for _ in range(4):
        BonusRunFactory(organization=org_a)
        BonusLineFactory(organization=org_a, run=run)
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert len(queries) == small[url], url
