import pytest

from plms.people.models import Employee
from plms.tenancy.context import NoOrganizationError, current_organization_id
from tests.conftest import in_org
from tests.factories import EmployeeFactory


def test_scoped_manager_raises_without_an_active_organization(org_a):
    EmployeeFactory(organization=org_a)
    with pytest.raises(NoOrganizationError):
        list(Employee.objects.all())
    with pytest.raises(NoOrganizationError):
        Employee.objects.count()


def test_scoped_manager_returns_only_the_active_organizations_rows(org_a, org_b):
    a = EmployeeFactory(organization=org_a)
    b = EmployeeFactory(organization=org_b)
    with in_org(org_a):
        assert list(Employee.objects.all()) == [a]
    with in_org(org_b):
        assert list(Employee.objects.all()) == [b]
        assert not Employee.objects.filter(pk=a.pk).exists()


def test_a_queryset_is_scoped_by_the_organization_active_when_it_runs(org_a, org_b):
    a = EmployeeFactory(organization=org_a)
    EmployeeFactory(organization=org_b)
    queryset = Employee.objects.all()  # built outside any scope: no query yet
    with in_org(org_a):
        assert list(queryset) == [a]


@pytest.mark.postgres
def test_escape_hatch_spans_organizations_only_when_asked_for(org_a, org_b):
    from plms.tenancy.context import dangerously_all_organizations

    a = EmployeeFactory(organization=org_a)
    b = EmployeeFactory(organization=org_b)
    # The unscoped manager alone does not lift row-level security …
    assert list(Employee.dangerously_unscoped.all()) == []
    # … the database side of the escape hatch does.
    with dangerously_all_organizations():
        assert set(Employee.dangerously_unscoped.all()) == {a, b}
    assert list(Employee.dangerously_unscoped.all()) == []


def test_unscoped_manager_does_not_raise(org_a, org_b, settings):
    EmployeeFactory(organization=org_a)
    EmployeeFactory(organization=org_b)
    from django.db import connection

    expected = 0 if connection.vendor == "postgresql" else 2
    assert Employee.dangerously_unscoped.count() == expected


def test_saving_into_another_organization_is_refused(org_a, org_b):
    a = EmployeeFactory(organization=org_a)
    with in_org(org_b), pytest.raises(ValueError, match="not to the active organization"):
        a.save()


def test_new_rows_take_the_active_organization(org_a):
    with in_org(org_a):
        employee = Employee.objects.create(email="x@example.com", first_name="X")
    assert employee.organization_id == org_a.pk


def test_nested_scopes_restore_the_outer_organization(org_a, org_b):
    a = EmployeeFactory(organization=org_a)
    with in_org(org_a):
        with in_org(org_b):
            assert current_organization_id() == org_b.pk
        assert current_organization_id() == org_a.pk
        assert list(Employee.objects.all()) == [a]
    assert current_organization_id() is None


def test_a_task_enters_its_organization_once_and_each_step_opens_a_transaction(org_a, org_b):
    """`organization_context()` at the task's boundary, `organization_transaction()` per step
    (Momentum's tick, e-mail and webhook sends commit in several steps)."""
    from plms.tenancy.context import organization_context, organization_transaction

    a = EmployeeFactory(organization=org_a)
    EmployeeFactory(organization=org_b)
    with pytest.raises(NoOrganizationError), organization_transaction():
        pass  # no task entered an organization
    with organization_context(org_a):
        assert current_organization_id() == org_a.pk
        with organization_transaction() as organization_id:
            assert organization_id == org_a.pk
            assert list(Employee.objects.all()) == [a]
    assert current_organization_id() is None
