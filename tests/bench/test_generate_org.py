"""`manage.py generate_org` at a tiny size: counts, reporting lines, sign-ins, and that it refuses
to touch an organisation that exists already (it is not idempotent by design: a benchmark
organisation is generated once and reused, or regenerated under a new slug)."""

from __future__ import annotations

from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from plms.people.models import Department, Employee, SecondaryManager
from plms.tenancy.models import ApiKey, Membership, Organization
from plms.tenancy.selectors import api_key_for_secret
from tests.conftest import in_org

EMPLOYEES = 120


def generate(slug: str, *extra: str) -> str:
    out = StringIO()
    call_command(
        "generate_org",
        "--slug",
        slug,
        "--employees",
        str(EMPLOYEES),
        "--departments",
        "12",
        "--password",
        "bench-pass-1",
        *extra,
        stdout=out,
    )
    return out.getvalue()


def shape(organization):
    with in_org(organization):
        employees = list(Employee.objects.values("id", "manager_id", "manager_weight", "user_id"))
        matrix = list(SecondaryManager.objects.values_list("employee_id", "manager_id", "weight"))
        departments = Department.objects.count()
    return employees, matrix, departments


@pytest.mark.django_db
def test_generates_an_organisation_and_its_neighbour_of_the_same_shape():
    output = generate("tiny")

    main = Organization.objects.get(slug="tiny")
    neighbour = Organization.objects.get(slug="tiny-neighbour")
    for organization in (main, neighbour):
        employees, matrix, departments = shape(organization)
        assert len(employees) == EMPLOYEES
        assert departments == 12
        # One root; every manager has 5-12 direct reports except the wide one (20) and the
        # last one filled, who may have fewer.
        assert sum(1 for e in employees if e["manager_id"] is None) == 1
        reports = Counter(e["manager_id"] for e in employees if e["manager_id"])
        assert sorted(reports.values())[1:] and max(reports.values()) == 20
        assert sum(1 for n in reports.values() if not 5 <= n <= 12 and n != 20) <= 1
        # Matrix lines: weights with the primary manager's total 100.
        assert matrix
        weights = Counter()
        for employee_id, _manager, weight in matrix:
            weights[employee_id] += weight
        by_id = {e["id"]: e for e in employees}
        for employee_id, total in weights.items():
            assert by_id[employee_id]["manager_weight"] + total == 100
        # Every manager and the sample of employees can sign in.
        signed_in = {e["id"] for e in employees if e["user_id"]}
        assert set(reports) <= signed_in
        with in_org(organization):  # memberships and keys are read in their organization
            members = Membership.objects.filter(organization=organization)
            assert members.count() == len(signed_in)
            admin = members.filter(role="admin").get()
            assert admin.user.email == f"hr@{organization.slug}.example"
            assert members.get(user__email=f"manager@{organization.slug}.example")
            assert ApiKey.objects.filter(organization=organization).count() == 1

    # The printed key works for its own organisation.
    secret = next(line.split(": ")[-1] for line in output.splitlines() if "API key" in line)
    key, error = api_key_for_secret(secret=secret)
    assert error is None and key.organization == main


@pytest.mark.django_db
def test_refuses_an_existing_slug_and_changes_nothing():
    generate("tiny", "--no-neighbour")
    assert not Organization.objects.filter(slug="tiny-neighbour").exists()
    before = shape(Organization.objects.get(slug="tiny"))

    with pytest.raises(CommandError, match="exist already"):
        generate("tiny", "--no-neighbour")
    with pytest.raises(CommandError, match="exist already"):
        generate("tiny")  # the neighbour is new, but the main slug is taken: nothing is written

    assert not Organization.objects.filter(slug="tiny-neighbour").exists()
    assert shape(Organization.objects.get(slug="tiny")) == before


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_organisation():
    generate("one", "--no-neighbour", "--seed", "7")
    generate("two", "--no-neighbour", "--seed", "7")
    with in_org(Organization.objects.get(slug="one")):
        one = list(Employee.objects.order_by("id").values_list("first_name", "last_name", "title"))
    with in_org(Organization.objects.get(slug="two")):
        two = list(Employee.objects.order_by("id").values_list("first_name", "last_name", "title"))
    assert one == two
