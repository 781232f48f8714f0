"""The compensation review: merit matrix at band edges, eligibility, guidance and reasons,
budget accounting (also under concurrent proposals), approval up the line, finalising into
new pay, the payroll export."""

from __future__ import annotations

import csv
import datetime
import io
import threading
from decimal import Decimal

import pytest
from django.db import connections

from plms.audit.models import AuditEvent
from plms.common.errors import ApplicationError, PermissionDenied
from plms.events.models import OutboxEvent
from reward import compensation as comp
from reward.models import CompensationProposal, PayRecord, ReviewBudget
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
MATRIX = [
    # rating 3: below the middle of the range 3-5 %, from the middle 2-4 %, past 80 % 0-2 %
    comp.CellSpec(3, D(0), D(50), D(3), D(5)),
    comp.CellSpec(3, D(50), D(80), D(2), D(4)),
    comp.CellSpec(3, D(80), None, D(0), D(2)),
    comp.CellSpec(5, D(0), None, D(6), D(10)),
]


@pytest.fixture
def world(org_a, hr_admin, manager, employee, scale):
    """Support: the manager (granted) leads the employee and a second report, each paid 50,000
    in a 40,000-60,000 grade (50 % into the range), rated 3 in the cycle."""
    support = factories.DepartmentFactory(organization=org_a, name="Support")
    grade = PayGradeFactory(organization=org_a, name="G5")
    second = factories.member(org_a, email="second@a.example", manager=manager.employee)
    cycle = PerformanceRatingFactory(organization=org_a, employee=employee.employee).cycle
    people = [employee, second]
    with in_org(org_a):
        for person in people:
            person.employee.department = support
            person.employee.save()
    for person in people:
        PayRecordFactory(organization=org_a, employee=person.employee, grade=grade)
    PerformanceRatingFactory(
        organization=org_a, cycle=cycle, employee=second.employee, proposed_level=5, manager_level=5
    )
    CompensationGrantFactory(organization=org_a, manager=manager.employee)
    with in_org(org_a):
        review = comp.review_open(
            actor=actor_of(hr_admin),
            name="2027 pay review",
            effective_date=datetime.date(2027, 4, 1),
            proposal_deadline=datetime.date(2027, 3, 15),
            budgets=[comp.BudgetSpec(support, amount=D(5000))],
            matrix=MATRIX,
            cycle=cycle,
        )
    return {"review": review, "support": support, "second": second, "grade": grade}


@pytest.mark.parametrize(
    ("rating", "position", "expected"),
    [
        (3, D("0"), (D(3), D(5))),
        (3, D("49.9"), (D(3), D(5))),
        (3, D("50.0"), (D(2), D(4))),  # a band's lower edge belongs to it
        (3, D("79.9"), (D(2), D(4))),
        (3, D("80.0"), (D(0), D(2))),
        (3, D("120.0"), (D(0), D(2))),  # above the maximum: the open-ended band
        (5, D("99.9"), (D(6), D(10))),
        (4, D("50.0"), None),  # no cell for the rating
        (None, D("50.0"), None),
        (3, None, None),
    ],
)
def test_the_merit_matrix_at_band_edges(org_a, world, rating, position, expected):
    with in_org(org_a):
        assert (
            comp.merit_guidance(review=world["review"], rating=rating, position=position)
            == expected
        )


def test_within_guidance_and_outside_it_with_a_reason(org_a, world, manager, employee):
    with in_org(org_a):
        actor = actor_of(manager)
        within = comp.proposal_submit(
            actor=actor, review=world["review"], employee=employee.employee, increase_percent=D(3)
        )
        assert within.within_guidance and within.increase_amount == D("1500.00")
        assert (within.guidance_min, within.guidance_max) == (D(2), D(4))
        with pytest.raises(ApplicationError) as refused:
            comp.proposal_submit(
                actor=actor,
                review=world["review"],
                employee=employee.employee,
                increase_percent=D(6),
            )
        assert refused.value.code == "reason_required"
        outside = comp.proposal_submit(
            actor=actor,
            review=world["review"],
            employee=employee.employee,
            increase_percent=D(6),
            reason="Market rate",
        )
        assert not outside.within_guidance
        # Replacing a proposal replaces its cost in the budget.
        assert ReviewBudget.objects.get().spent == D("3000.00")


def test_a_hard_budget_refuses_the_proposal_that_passes_it(org_a, world, manager, employee):
    with in_org(org_a):
        actor = actor_of(manager)
        comp.proposal_submit(
            actor=actor,
            review=world["review"],
            employee=employee.employee,
            increase_percent=D(4),
            bonus_amount=D(2000),
        )
        with pytest.raises(ApplicationError) as refused:
            comp.proposal_submit(
                actor=actor,
                review=world["review"],
                employee=world["second"].employee,
                increase_percent=D(8),
            )
        assert refused.value.code == "budget_exceeded"
        assert ReviewBudget.objects.get().spent == D("4000.00")


def test_who_may_propose(org_a, world, employee, hr_admin):
    peer = world["second"]
    other = factories.member(org_a, email="other@a.example", manager=hr_admin.employee)
    CompensationGrantFactory(organization=org_a, manager=other.employee)
    with in_org(org_a):
        for someone in (employee, peer, other):
            with pytest.raises(PermissionDenied):
                comp.proposal_submit(
                    actor=actor_of(someone),
                    review=world["review"],
                    employee=employee.employee,
                    increase_percent=D(3),
                )


def test_eligibility_by_start_date(org_a, world, manager, employee):
    with in_org(org_a):
        review = world["review"]
        review.eligible_started_before = datetime.date(2027, 1, 1)
        review.save()
        employee.employee.start_date = datetime.date(2027, 2, 1)
        employee.employee.save()
        with pytest.raises(ApplicationError) as refused:
            comp.proposal_submit(
                actor=actor_of(manager),
                review=review,
                employee=employee.employee,
                increase_percent=D(3),
            )
        assert refused.value.code == "not_eligible"


def test_approval_goes_up_the_line_then_hr_then_finalising_writes_pay(
    org_a, world, manager, employee, hr_admin
):
    with in_org(org_a):
        proposal = comp.proposal_submit(
            actor=actor_of(manager),
            review=world["review"],
            employee=employee.employee,
            increase_percent=D(4),
        )
        # The manager's manager is the HR director here: next up the line.
        assert proposal.awaiting == hr_admin.employee
        with pytest.raises(PermissionDenied):
            comp.proposal_decide(actor=actor_of(manager), proposal=proposal, approve=True)
        with pytest.raises(ApplicationError) as pending:
            comp.review_finalise(actor=actor_of(hr_admin), review=world["review"])
        assert pending.value.code == "proposals_pending"
        proposal = comp.proposal_decide(actor=actor_of(hr_admin), proposal=proposal, approve=True)
        assert proposal.status == CompensationProposal.Status.APPROVED
        assert comp.review_finalise(actor=actor_of(hr_admin), review=world["review"]) == 1
        record = PayRecord.objects.get(employee=employee.employee)
        assert record.base_pay == D("52000.00") and record.effective_date == datetime.date(
            2027, 4, 1
        )
        assert OutboxEvent.objects.filter(name="compensation_review_finalised").count() == 1
        assert AuditEvent.objects.filter(action="pay.changed", object_uuid=record.uuid).exists()
        with pytest.raises(ApplicationError) as closed:
            comp.proposal_submit(
                actor=actor_of(manager),
                review=world["review"],
                employee=world["second"].employee,
                increase_percent=D(6),
            )
        assert closed.value.code == "review_finalised"


def test_a_rejection_returns_the_money(org_a, world, manager, employee, hr_admin):
    with in_org(org_a):
        proposal = comp.proposal_submit(
            actor=actor_of(manager),
            review=world["review"],
            employee=employee.employee,
            increase_percent=D(4),
        )
        comp.proposal_decide(
            actor=actor_of(hr_admin), proposal=proposal, approve=False, reason="Wait"
        )
        assert ReviewBudget.objects.get().spent == D(0)


def test_the_payroll_export_escapes_formulas(org_a, world, manager, employee, hr_admin):
    with in_org(org_a):
        employee.employee.first_name = '=HYPERLINK("http://x")'
        employee.employee.save()
        proposal = comp.proposal_submit(
            actor=actor_of(hr_admin),
            review=world["review"],
            employee=employee.employee,
            increase_percent=D(3),
        )
        comp.proposal_decide(actor=actor_of(hr_admin), proposal=proposal, approve=True)
        data = comp.payroll_export(actor=actor_of(hr_admin), review=world["review"]).decode()
        rows = list(csv.reader(io.StringIO(data)))
        assert rows[0][:3] == ["employee_id", "email", "name"]
        assert rows[1][2].startswith("'=HYPERLINK")
        assert rows[1][6] == "51500.00"
        xlsx = comp.payroll_export(actor=actor_of(hr_admin), review=world["review"], fmt="xlsx")
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(xlsx)).worksheets[0]
        assert str(sheet.cell(row=2, column=3).value).startswith("'=")
        with pytest.raises(PermissionDenied):
            comp.payroll_export(actor=actor_of(manager), review=world["review"])


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_managers_at_once_never_pass_a_hard_budget(org_a, hr_admin, scale):
    """Two managers of one department propose at the same moment on two connections: the
    budget row's lock serialises them, and the second sees the first's spend."""
    support = factories.DepartmentFactory(organization=org_a, name="Support")
    grade = PayGradeFactory(organization=org_a)
    managers, reports = [], []
    for n in range(2):
        boss = factories.member(
            org_a, email=f"boss{n}@a.example", manager=hr_admin.employee, department=support
        )
        CompensationGrantFactory(organization=org_a, manager=boss.employee)
        report = factories.EmployeeFactory(
            organization=org_a, manager=boss.employee, department=support
        )
        PayRecordFactory(organization=org_a, employee=report, grade=grade)
        managers.append(boss)
        reports.append(report)
    with in_org(org_a):
        review = comp.review_open(
            actor=actor_of(hr_admin),
            name="Concurrent",
            effective_date=datetime.date(2027, 4, 1),
            proposal_deadline=datetime.date(2027, 3, 1),
            budgets=[comp.BudgetSpec(support, amount=D(4000))],
            matrix=[],
        )
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def propose(n: int) -> None:
        try:
            with in_org(org_a):
                barrier.wait(timeout=10)
                comp.proposal_submit(
                    actor=actor_of(managers[n]),
                    review=review,
                    employee=reports[n],
                    increase_percent=D(6),
                    reason="Retention",  # 3,000 each: one fits
                )
            outcomes.append("proposed")
        except ApplicationError as error:
            outcomes.append(error.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=propose, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["budget_exceeded", "proposed"]
    with in_org(org_a):
        budget = ReviewBudget.objects.get(review=review)
        assert budget.spent == D("3000.00") <= budget.amount
        assert CompensationProposal.objects.filter(review=review).count() == 1


def test_momentum_reminds_a_manager_who_has_not_proposed(org_a, world, manager, employee):
    from types import SimpleNamespace

    from reward import milestones
    from workflows.milestones import kind_get
    from workflows.models import MilestoneRun, Notification

    assert kind_get("compensation_proposal_reminder").available
    context = SimpleNamespace(
        milestone=SimpleNamespace(config={}, message="Please propose"),
        employee=manager.employee,
        step=SimpleNamespace(occasion="start"),
        now=None,
    )
    with in_org(org_a):
        outcome = milestones.remind_manager(context)
        assert outcome.state == MilestoneRun.State.DONE
        note = Notification.objects.get(recipient=manager.user)
        assert "2 people wait for your proposal in 2027 pay review" in note.title
        for person in (employee, world["second"]):
            comp.proposal_submit(
                actor=actor_of(manager),
                review=world["review"],
                employee=person.employee,
                increase_percent=D(0),
                reason="Budget",
            )
        assert milestones.remind_manager(context).state == MilestoneRun.State.SKIPPED


def test_finalising_takes_the_same_queries_for_one_person_as_for_many(
    org_a, world, manager, employee, hr_admin
):
    """Finalising writes everyone's pay and names each person in the audit log in a fixed
    number of statements (it was one query per person to name them)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def finalise(people) -> tuple[int, int]:
        review = comp.review_open(
            actor=actor_of(hr_admin),
            name=f"Review of {len(people)}",
            effective_date=datetime.date(2027, 4, 1),
            proposal_deadline=datetime.date(2027, 3, 15),
            budgets=[comp.BudgetSpec(world["support"], amount=D(50000))],
            matrix=MATRIX,
            cycle=world["review"].cycle,
        )
        for person in people:
            comp.proposal_submit(
                actor=actor_of(manager),
                review=review,
                employee=person,
                increase_percent=D(3),
                reason="Market move",
            )
        CompensationProposal.objects.filter(review=review).update(
            status=CompensationProposal.Status.APPROVED
        )
        with CaptureQueriesContext(connection) as queries:
            changed = comp.review_finalise(actor=actor_of(hr_admin), review=review)
        return changed, len(queries)

    with in_org(org_a):
        one = finalise([employee.employee])
        two = finalise([employee.employee, world["second"].employee])
        named = set(
            AuditEvent.objects.filter(action="pay.changed").values_list("object_repr", flat=True)
        )
    assert (one[0], two[0]) == (1, 2)
    assert one[1] == two[1]
    assert named == {
        f"Pay of {employee.employee}",
        f"Pay of {world['second'].employee}",
    }
