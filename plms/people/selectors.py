"""Reads of people: shaped for pages and endpoints, without a query per row."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import nullcontext
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)
from django.db.models.expressions import RawSQL

from plms.common.db import index_order
from plms.common.ids import parse_public_id
from plms.people.models import Department, Employee, SecondaryManager
from plms.tenancy.context import require_organization_id


def employees() -> QuerySet[Employee]:
    """Every employee of the organization, unshaped: other apps look people up by public id
    here (serializer fields, filters)."""
    return Employee.objects.all()


def departments() -> QuerySet[Department]:
    """Every department of the organization, unshaped, for lookups by public id."""
    return Department.objects.all()


def employee_for_user(*, user) -> Employee | None:
    return Employee.objects.filter(user=user).select_related("department").first()


def employee_for_request(*, user) -> Employee | None:
    """`employee_for_user` for the request's middleware, with whether they manage people
    (`manages_people`, as the navigation asks) read in the same query: `manages_people_now`
    on the instance."""
    return (
        Employee.objects.filter(user=user)
        .select_related("department")
        .annotate(manages_people_now=_manages_people_expression())
        .first()
    )


def _manages_people_expression():
    """`manages_people` of the outer employee, as an expression of the query."""
    direct = Employee.objects.filter(manager=OuterRef("pk"), active=True)
    matrix = SecondaryManager.objects.filter(manager=OuterRef("pk"), employee__active=True)
    return ExpressionWrapper(Q(Exists(direct)) | Q(Exists(matrix)), output_field=BooleanField())


def employee_list(
    *, search: str = "", department: Department | None = None, active: bool | None = None
) -> QuerySet[Employee]:
    queryset = Employee.objects.select_related("department", "manager").prefetch_related(
        Prefetch(
            "secondary_manager_links",
            queryset=SecondaryManager.objects.select_related("manager"),
        )
    )
    if search:
        words = search.split()
        queryset = employees_matching_search(queryset, words)
        for word in words:
            queryset = queryset.filter(
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(email__icontains=word)
                | Q(title__icontains=word)
            )
    if department is not None:
        queryset = queryset.filter(department=department)
    if active is not None:
        queryset = queryset.filter(active=active)
    return queryset.order_by("last_name", "first_name", "id")


# Words shorter than a search piece cannot be looked up; they are matched by the scan alone.
SEARCH_GRAM_LENGTH = 3
_SEARCH_CANDIDATES_SQL = """
    SELECT employee_id FROM people_employeesearchgram
    WHERE organization_id = %s AND gram = ANY (people_search_grams(%s))
    GROUP BY employee_id
    HAVING count(*) = cardinality(people_search_grams(%s))
"""


def employees_matching_search(
    queryset: QuerySet[Employee], words: Iterable[str]
) -> QuerySet[Employee]:
    """`queryset` narrowed to the people who may match every one of `words` (each a case-
    insensitive substring of the first or last name, e-mail or title), through the search
    index, before the exact match (`icontains`, which the caller still applies) reads them.

    Why an index of its own: under row-level security PostgreSQL evaluates `LIKE`/`ILIKE`
    (not leakproof) only after the policy, so it scanned every person of the organisation; the
    index (`people_employeesearchgram`, one row per three-character piece of each person's
    fields, upper-cased as `icontains` compares, kept by triggers on the employee table — see
    migrations `people.0004` and `.0005`) is looked up by equality, which is leakproof, on a
    key leading with the organisation. A person has every piece of a word found in one of
    their fields, so nobody who matches is left out; the exact match removes those whose
    pieces are spread over several fields or who have them in another order."""
    looked_up = [word for word in words if len(word) >= SEARCH_GRAM_LENGTH]
    if connection.vendor != "postgresql" or not looked_up:
        return queryset
    organization_id = require_organization_id()
    # One set of candidates for all the words (INTERSECT): the planner cannot estimate how
    # many people have every piece of a word, and joined the words' candidates in a nested
    # loop when each was a filter of its own.
    sql = " INTERSECT ".join(_SEARCH_CANDIDATES_SQL for _ in looked_up)
    params = [value for word in looked_up for value in (organization_id, word, word)]
    return queryset.filter(id__in=RawSQL(sql, params))


# Lists of at most this many people are sorted, longer ones read in the order's index.
SORTED_UP_TO = 2000


class EmployeePaginator(Paginator):
    """Pages of `employee_list()` that read the page's ids first, then its rows.

    A deep page (`OFFSET 2450`) then skips rows in an index-only scan of the list's order
    (`employee_org_name_order`, which `index_order()` keeps the planner from trading for a
    sort of the whole organisation), and only the page's 50 rows are joined to their department
    and manager and have their matrix lines prefetched, instead of every row skipped.
    """

    object_list: QuerySet[Employee]

    def page(self, number: int | str) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids_query = self.object_list.prefetch_related(None).values_list("id", flat=True)
        # A few rows (a search's) sort in no time; walking the order's index through the
        # whole organisation to find them took 38 ms at 10,000 people.
        ordered = index_order() if self.count > SORTED_UP_TO else nullcontext()
        with ordered:
            ids = list(ids_query[bottom:top])
        return self._get_page(self.rows(ids) if ids else [], number, self)  # type: ignore[attr-defined]

    def rows(self, ids: list[int]) -> list:
        rows = {
            employee.pk: employee for employee in self.object_list.filter(id__in=ids).order_by()
        }
        return [rows[pk] for pk in ids if pk in rows]


class EmployeeRowsPaginator(EmployeePaginator):
    """`EmployeePaginator` whose pages hold `employee_rows()`: plain values, no model instances
    (the API's list, where building and serialising 50 employees with their department, manager
    and matrix managers cost several times the request's fixed cost)."""

    def rows(self, ids: list[int]) -> list[dict[str, Any]]:
        return employee_rows(ids=ids)


EMPLOYEE_ROW_FIELDS = (
    "id",
    "uuid",
    "email",
    "external_id",
    "first_name",
    "last_name",
    "title",
    "department__uuid",
    "manager__uuid",
    "manager_weight",
    "start_date",
    "left_on",
    "active",
    "user_id",
    "created_at",
    "updated_at",
)


def employee_rows(*, ids: Sequence[int]) -> list[dict[str, Any]]:
    """These employees as dicts of `EMPLOYEE_ROW_FIELDS` plus `matrix_managers` (a list of
    `{"manager": uuid, "weight": int}`, heaviest first), in the order of `ids`. Two queries."""
    if not ids:
        return []
    rows = {
        row["id"]: row
        for row in Employee.objects.filter(id__in=ids).order_by().values(*EMPLOYEE_ROW_FIELDS)
    }
    for row in rows.values():
        row["matrix_managers"] = []
    links = (
        SecondaryManager.objects.filter(employee_id__in=ids)
        .order_by("-weight", "id")
        .values_list("employee_id", "manager__uuid", "weight")
    )
    for employee_id, manager_uuid, weight in links:
        rows[employee_id]["matrix_managers"].append({"manager": manager_uuid, "weight": weight})
    return [rows[pk] for pk in ids if pk in rows]


class DirectoryPaginator(EmployeePaginator):
    """`EmployeePaginator` whose pages hold `directory_rows()`: the people directory's
    columns as plain values, instead of 25 employees with their department, manager and
    matrix managers as model instances."""

    def rows(self, ids: list[int]) -> list[dict[str, Any]]:
        return directory_rows(ids=ids)


def directory_rows(*, ids: Sequence[int]) -> list[dict[str, Any]]:
    """These employees as the directory shows them, in the order of `ids`: `uuid`,
    `full_name`, `email`, `title`, `active`, `user_id`, `department` (its name) and `manager`
    (their full name; both None when there is none) and `matrix_managers` (`{"manager": full
    name, "weight": int}`, heaviest first). Two queries."""
    if not ids:
        return []
    rows = {}
    fields = ("id", "uuid", "first_name", "last_name", "email", "title", "active", "user_id")
    for row in (
        Employee.objects.filter(id__in=ids)
        .order_by()
        .values(
            *fields, "department__name", "manager_id", "manager__first_name", "manager__last_name"
        )
    ):
        row["full_name"] = f"{row['first_name']} {row['last_name']}".strip()
        row["department"] = row.pop("department__name")
        first, last = row.pop("manager__first_name"), row.pop("manager__last_name")
        row["manager"] = None if row.pop("manager_id") is None else f"{first} {last}".strip()
        row["matrix_managers"] = []
        rows[row["id"]] = row
    links = (
        SecondaryManager.objects.filter(employee_id__in=ids)
        .order_by("-weight", "id")
        .values_list("employee_id", "manager__first_name", "manager__last_name", "weight")
    )
    for employee_id, first, last, weight in links:
        rows[employee_id]["matrix_managers"].append(
            {"manager": f"{first} {last}".strip(), "weight": weight}
        )
    return [rows[pk] for pk in ids if pk in rows]


PERSON_CHOICES_SHOWN = 20
PERSON_FIELDS = ("uuid", "first_name", "last_name", "title")


def person_choices(
    *, viewer: Employee | None, search: str = "", include: Iterable[object] = ()
) -> list[Employee]:
    """Whom a person picker offers, never the viewer: the active people matching `search`
    (name, e-mail or title; the first 20 by name), or without a search the viewer's colleagues
    (manager, direct and dotted-line reports, people with the same manager); and the people of
    `include` (public ids: a choice made already), first. Three queries at most."""
    people = Employee.objects.filter(active=True).only(*PERSON_FIELDS)
    if viewer is not None:
        people = people.exclude(pk=viewer.pk)
    chosen_ids = [pk for pk in (parse_public_id(value) for value in include) if pk is not None]
    chosen = list(people.filter(uuid__in=chosen_ids)) if chosen_ids else []
    if search.strip():
        found = employee_list(search=search.strip()).filter(active=True)
        if viewer is not None:
            found = found.exclude(pk=viewer.pk)
        found = found.select_related(None).prefetch_related(None).only(*PERSON_FIELDS)
        matches = list(found[:PERSON_CHOICES_SHOWN])
    elif viewer is not None:
        matrix = SecondaryManager.objects.filter(manager=viewer).values_list("employee_id")
        around = Q(manager=viewer) | Q(pk__in=[pk for (pk,) in matrix])
        if viewer.manager_id is not None:
            around |= Q(pk=viewer.manager_id) | Q(manager_id=viewer.manager_id)
        matches = list(people.filter(around).order_by("last_name", "first_name", "id")[:50])
    else:
        matches = []
    seen = {person.pk for person in chosen}
    return chosen + [person for person in matches if person.pk not in seen]


def employee_get(*, uuid) -> Employee | None:
    return employee_list().filter(uuid=uuid).first()


def department_list() -> QuerySet[Department]:
    return (
        Department.objects.select_related("parent")
        .annotate(employee_count=Count("employees", filter=Q(employees__active=True)))
        .order_by("name", "id")
    )


def department_choices() -> QuerySet[Department]:
    """Departments for a filter or a form field: names only, no counts."""
    return Department.objects.only("uuid", "name").order_by("name", "id")


def direct_reports(*, manager: Employee, include_matrix: bool = True) -> QuerySet[Employee]:
    """The manager's direct reports; with `include_matrix`, dotted-line reports too.

    The dotted-line reports' ids are read first (their own query, on the manager's index):
    `manager OR matrix link` in one statement joins every employee of the organisation to
    their links before it can filter, and that scan was a few milliseconds of every page."""
    condition = Q(manager=manager)
    if include_matrix:
        matrix = SecondaryManager.objects.filter(manager=manager).values_list("employee_id")
        condition |= Q(pk__in=[pk for (pk,) in matrix])
    return (
        Employee.objects.filter(condition, active=True)
        .select_related("department")
        .order_by("last_name", "first_name", "id")
    )


def manages_people(*, manager: Employee) -> bool:
    """Whether `manager` has an active report, direct or dotted-line: one query, each kind of
    report looked up on its own index."""
    direct = Employee.objects.filter(manager=manager, active=True)
    matrix = SecondaryManager.objects.filter(manager=manager, employee__active=True)
    return Employee.objects.filter(Exists(direct) | Exists(matrix), pk=manager.pk).exists()


_ALL_REPORTS_SQL = """
WITH RECURSIVE chain(id) AS (
    SELECT id FROM people_employee WHERE organization_id = %s AND manager_id = %s
    {matrix_reports}
    UNION
    SELECT below.id FROM chain CROSS JOIN LATERAL (
        SELECT id FROM people_employee WHERE organization_id = %s AND manager_id = chain.id
        {matrix_below}
    ) below
)
SELECT id FROM chain GROUP BY id
"""
_MATRIX_REPORTS = """
    UNION
    SELECT employee_id FROM people_secondarymanager WHERE organization_id = %s AND manager_id = %s
"""
_MATRIX_BELOW = """
        UNION ALL
        SELECT employee_id FROM people_secondarymanager
        WHERE organization_id = %s AND manager_id = chain.id
"""


def all_report_ids_sql(*, manager_id: int, include_matrix: bool) -> RawSQL:
    """Every direct and indirect report in one recursive query (UNION stops at cycles).

    Each level is read from the two tables by its managers' ids, one index lookup per
    manager found (`LATERAL`), so only the branch is ever read: for someone who manages nobody
    (most people) one lookup, and 4 ms instead of 70 ms for a manager of 1,656 on an
    organisation of 10,000, where joining each level to every reporting line hashed all of
    them at every level.

    The ids are grouped (UNION has already removed repeats) for the planner's sake: it
    estimates a recursive query far above its size (804,000 rows for a team of 1,656), and
    an `IN` of such a subquery inside an `OR` is then checked by scanning the whole list for
    every row, as the estimate would not fit `work_mem` hashed: 25 s for a manager's
    check-ins (123,000 rows). Grouped, the estimate is PostgreSQL's default of 200 groups,
    and the list is hashed once (69 ms).
    """
    organization_id = require_organization_id()
    sql = _ALL_REPORTS_SQL.format(
        matrix_reports=_MATRIX_REPORTS if include_matrix else "",
        matrix_below=_MATRIX_BELOW if include_matrix else "",
    )
    params = [organization_id, manager_id]
    params += [organization_id, manager_id] if include_matrix else []
    params += [organization_id]
    params += [organization_id] if include_matrix else []
    return RawSQL(sql, params)


def all_reports(*, manager: Employee, include_matrix: bool = False) -> QuerySet[Employee]:
    return (
        Employee.objects.filter(
            id__in=all_report_ids_sql(manager_id=manager.id, include_matrix=include_matrix)
        )
        .select_related("department", "manager")
        .order_by("last_name", "first_name", "id")
    )


def is_manager_of(*, manager: Employee, employee: Employee, include_matrix: bool = True) -> bool:
    """Whether `manager` is above `employee` (directly or indirectly) in the reporting lines."""
    return (
        Employee.objects.filter(
            id=employee.id,
        )
        .filter(id__in=all_report_ids_sql(manager_id=manager.id, include_matrix=include_matrix))
        .exists()
    )


def employee_get_for_viewer(*, actor, uuid) -> Employee | None:
    """The employee if the actor may see their record: HR admins and keys see everyone, people
    see themselves and everyone below them. `None` both for missing and forbidden (404)."""
    employee = employee_get(uuid=uuid)
    if employee is None or actor.is_admin:
        return employee
    viewer = actor.employee
    if viewer is not None and (
        viewer.pk == employee.pk or is_manager_of(manager=viewer, employee=employee)
    ):
        return employee
    return None
