import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plms.common.errors import ApplicationError
from plms.people import selectors
from plms.people.models import Employee
from plms.people.services import MatrixLine, reporting_lines_set
from plms.tenancy.actors import system_actor
from tests.conftest import in_org
from tests.factories import EmployeeFactory, SecondaryManagerFactory


@pytest.fixture
def chain(org_a):
    """top ← middle ← bottom, plus a peer of middle."""
    top = EmployeeFactory(organization=org_a)
    middle = EmployeeFactory(organization=org_a, manager=top)
    bottom = EmployeeFactory(organization=org_a, manager=middle)
    peer = EmployeeFactory(organization=org_a, manager=top)
    return top, middle, bottom, peer


def test_a_manager_below_the_employee_is_a_cycle(org_a, chain):
    top, middle, bottom, _ = chain
    with in_org(org_a):
        for candidate in (bottom, middle, top):
            with pytest.raises(ApplicationError) as caught:
                reporting_lines_set(actor=system_actor(org_a), employee=top, manager=candidate)
            assert caught.value.code == "reporting_cycle"
        top.refresh_from_db()
        assert top.manager_id is None


def test_a_matrix_line_closing_a_cycle_is_refused(org_a, chain):
    _top, _middle, bottom, peer = chain
    with in_org(org_a):
        SecondaryManagerFactory(organization=org_a, employee=peer, manager=bottom, weight=40)
        with pytest.raises(ApplicationError) as caught:
            reporting_lines_set(actor=system_actor(org_a), employee=bottom, manager=peer)
        assert caught.value.code == "reporting_cycle"


@pytest.mark.parametrize(
    ("primary", "matrix", "ok"), [(60, 40, True), (50, 40, False), (70, 40, False)]
)
def test_matrix_weights_must_total_100(org_a, chain, primary, matrix, ok):
    _top, middle, bottom, peer = chain
    with in_org(org_a):
        call = lambda: reporting_lines_set(  # noqa: E731
            actor=system_actor(org_a),
            employee=bottom,
            manager=middle,
            manager_weight=primary,
            matrix=[MatrixLine(peer, matrix)],
        )
        if ok:
            call()
            assert [
                (link.manager, link.weight) for link in bottom.secondary_manager_links.all()
            ] == [(peer, 40)]
        else:
            with pytest.raises(ApplicationError) as caught:
                call()
            assert caught.value.code == "invalid_weights"
            assert bottom.secondary_manager_links.count() == 0


def test_matrix_managers_need_a_primary(org_a, chain):
    _top, _middle, bottom, peer = chain
    with in_org(org_a), pytest.raises(ApplicationError):
        reporting_lines_set(
            actor=system_actor(org_a), employee=bottom, manager=None, matrix=[MatrixLine(peer, 40)]
        )


def test_a_manager_from_another_organization_is_not_found(org_a, org_b, chain):
    stranger = EmployeeFactory(organization=org_b)
    with in_org(org_a), pytest.raises(ApplicationError) as caught:
        reporting_lines_set(actor=system_actor(org_a), employee=chain[2], manager=stranger)
    assert caught.value.code == "not_found"


def test_direct_and_all_reports(org_a, chain):
    top, middle, bottom, peer = chain
    with in_org(org_a):
        assert set(selectors.direct_reports(manager=top)) == {middle, peer}
        assert set(selectors.all_reports(manager=top)) == {middle, bottom, peer}
        assert set(selectors.all_reports(manager=middle)) == {bottom}
        assert selectors.is_manager_of(manager=top, employee=bottom)
        assert not selectors.is_manager_of(manager=peer, employee=bottom)
        SecondaryManagerFactory(organization=org_a, employee=bottom, manager=peer, weight=30)
        assert set(selectors.direct_reports(manager=peer)) == {bottom}
        assert selectors.is_manager_of(manager=peer, employee=bottom)


def test_all_reports_follow_dotted_lines_at_every_level_when_asked(org_a, chain):
    """A dotted line first (lead → bottom) and one further down (bottom → intern, below
    someone reached by a solid line); without dotted lines only the solid ones count."""
    top, middle, bottom, peer = chain
    with in_org(org_a):
        lead = EmployeeFactory(organization=org_a)
        intern = EmployeeFactory(organization=org_a, manager=peer)
        trainee = EmployeeFactory(organization=org_a, manager=intern)
        SecondaryManagerFactory(organization=org_a, employee=bottom, manager=lead, weight=30)
        SecondaryManagerFactory(organization=org_a, employee=intern, manager=bottom, weight=30)

        def reports(manager, include_matrix):
            sql = selectors.all_report_ids_sql(manager_id=manager.pk, include_matrix=include_matrix)
            return set(Employee.objects.filter(id__in=sql))

        assert reports(lead, True) == {bottom, intern, trainee}
        assert reports(lead, False) == set()
        assert reports(middle, True) == {bottom, intern, trainee}
        assert reports(middle, False) == {bottom}
        assert reports(top, False) == {middle, bottom, peer, intern, trainee}
        assert reports(trainee, True) == set()


def _count_queries(fn):
    with CaptureQueriesContext(connection) as captured:
        fn()
    return len(captured)


def test_all_reports_takes_one_query_whatever_the_depth(org_a):
    with in_org(org_a):
        boss = EmployeeFactory(organization=org_a)
        parent = boss
        for _ in range(3):
            parent = EmployeeFactory(organization=org_a, manager=parent)
        shallow = _count_queries(lambda: list(selectors.all_reports(manager=boss)))
        for _ in range(10):
            parent = EmployeeFactory(organization=org_a, manager=parent)
        deep = _count_queries(lambda: list(selectors.all_reports(manager=boss)))
        assert shallow == deep == 1
        assert selectors.all_reports(manager=boss).count() == 13
