"""Bulk writes without model instances, for jobs that create thousands of rows at once."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime

from django.db import connections, models
from django.db.models import Count, ForeignKey, QuerySet, Subquery
from django.db.models.functions import Coalesce

from plms.tenancy.context import require_organization_id
from plms.tenancy.models import TenantModel

# Values psycopg2 adapts as they are: no per-value `get_db_prep_save()`.
_PLAIN_TYPES = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "BigIntegerField",
        "BooleanField",
        "CharField",
        "DateField",
        "DecimalField",
        "IntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "SlugField",
        "SmallIntegerField",
        "TextField",
        "UUIDField",
    }
)


def value_preparer(column: models.Field, connection) -> Callable[[object], object] | None:
    """How a Python value of `column` becomes what psycopg2 sends: None when psycopg2 adapts
    it as it is (text, numbers, dates, uuids, foreign keys, aware date-times), else a function
    (JSON as text, which a `jsonb` parameter parses; anything else through the field's
    `get_db_prep_save()`). Writers of many rows call it once per column, not per value."""
    if column.get_internal_type() in _PLAIN_TYPES or isinstance(column, ForeignKey):
        return None
    if isinstance(column, models.JSONField):
        return lambda value: None if value is None else json.dumps(value, cls=column.encoder)
    if isinstance(column, models.DateTimeField):
        return lambda value: (
            value
            if value is None or (isinstance(value, datetime) and value.tzinfo is not None)
            else column.get_db_prep_save(value, connection)
        )
    return lambda value: None if value is None else column.get_db_prep_save(value, connection)


def prepared_row(values: Iterable[object], preparers: Sequence) -> tuple:
    """`values` prepared by the `value_preparer()` of each column, in order."""
    return tuple(
        value if prepare is None else prepare(value)
        for value, prepare in zip(values, preparers, strict=True)
    )


def insert_rows(
    model: type[models.Model],
    fields: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    returning_ids: bool = False,
    skip_conflicts_on: str = "",
    returning: Sequence[str] = (),
    page_size: int = 1000,
    using: str = "default",
) -> list:
    """Insert plain tuples into `model`'s table: no model instances, no `full_clean()`.

    `fields` are attribute names (`plan_id`, not `plan`) and every row gives their values in
    that order, already valid (the caller validates what it builds). Columns left out get the
    field's default (a fresh uuid, `timezone.now()`, "" for text, else NULL); a tenant model's
    `organization_id` is always the active organisation (row-level security checks it again).
    On PostgreSQL a page of rows is one `INSERT ... SELECT * FROM unnest(...)` with an array
    parameter per column (a statement the same size however many rows, so the server parses
    no literal rows), with `RETURNING id` when `returning_ids` is set; elsewhere it is
    `bulk_create()`. Returns the new ids in row order when `returning_ids` is set, else an
    empty list.

    With `skip_conflicts_on` (a unique constraint's name), rows that would break that
    constraint are left out (`ON CONFLICT ON CONSTRAINT … DO NOTHING`; any other conflict is
    still an error); `returning` (attribute names, the first one of `fields` and unique, such
    as `uuid`) then says which rows went in: a tuple of those values per inserted row.
    """
    opts = model._meta
    connection = connections[using]
    by_attname = {f.attname: f for f in opts.concrete_fields}
    unknown = [name for name in [*fields, *returning] if name not in by_attname]
    if unknown:
        raise ValueError(f"{opts.label} has no column(s) {', '.join(unknown)}.")
    tenant = issubclass(model, TenantModel)
    if tenant and "organization_id" in fields:
        raise ValueError("A tenant row's organization is the active one; leave it out.")
    if returning and (returning_ids or returning[0] not in fields):
        raise ValueError("`returning` starts with a given field, and replaces `returning_ids`.")
    # Columns left out: constants (the same for every row) and callables (a uuid per row).
    constants: dict[str, object] = {}
    makers: dict[str, Callable[[], object]] = {}
    if tenant:
        constants["organization_id"] = require_organization_id()
    for column in opts.concrete_fields:
        if column.primary_key or column.attname in fields or column.attname in constants:
            continue
        # As `Model()` would: the field's default, else "" for text and None for the rest.
        if column.has_default() and callable(column.default):
            makers[column.attname] = column.get_default
        else:
            constants[column.attname] = column.get_default()
    columns = [*fields, *constants, *makers]

    def complete() -> Iterable[tuple]:
        width = len(fields)
        for row in rows:
            if len(row) != width:
                raise ValueError(f"Expected {width} values, got {len(row)}.")
            yield (*row, *constants.values(), *(make() for make in makers.values()))

    if connection.vendor != "postgresql":
        objects = [model(**dict(zip(columns, values, strict=True))) for values in complete()]
        manager = model._base_manager.db_manager(using)
        manager.bulk_create(objects, batch_size=page_size, ignore_conflicts=bool(skip_conflicts_on))
        if returning:
            key = returning[0]
            keys = [getattr(obj, key) for obj in objects]
            return list(manager.filter(**{f"{key}__in": keys}).values_list(*returning))
        return [obj.pk for obj in objects] if returning_ids else []

    def preparer(name: str) -> Callable[[object], object] | None:
        return value_preparer(by_attname[name], connection)

    # Values psycopg2 cannot adapt as they are go through the field's `get_db_prep_save()`
    # (JSON is written as text, an aware date-time as it is): the given ones and the
    # callables' per row, the constants once.
    prepared_constants = []
    for name, value in constants.items():
        prepare = preparer(name)
        prepared_constants.append(value if prepare is None else prepare(value))
    per_row = [(i, preparer(name)) for i, name in enumerate(fields)]
    per_row += [(len(fields) + i, preparer(name)) for i, name in enumerate(makers)]
    per_row = [(i, prepare) for i, prepare in per_row if prepare is not None]
    quote = connection.ops.quote_name
    arrays = ", ".join(f"%s::{by_attname[name].db_type(connection)}[]" for name in columns)
    sql = (
        f"INSERT INTO {quote(opts.db_table)} "
        f"({', '.join(quote(by_attname[name].column) for name in columns)}) "
        f"SELECT * FROM unnest({arrays})"
    )
    if skip_conflicts_on:
        sql += f" ON CONFLICT ON CONSTRAINT {quote(skip_conflicts_on)} DO NOTHING"
    if returning_ids:
        sql += f" RETURNING {quote(opts.pk.column)}"
    elif returning:
        sql += f" RETURNING {', '.join(quote(by_attname[name].column) for name in returning)}"

    ids: list = []
    page: list[tuple] = []

    def flush() -> None:
        with connection.cursor() as cursor:
            # The wrapped cursor keeps Django's query log (tests count these queries).
            cursor.execute(sql, [list(column) for column in zip(*page, strict=True)])
            if returning_ids:
                ids.extend(row[0] for row in cursor.fetchall())
            elif returning:
                ids.extend(tuple(row) for row in cursor.fetchall())
        page.clear()

    width = len(fields)
    for row in rows:
        if len(row) != width:
            raise ValueError(f"Expected {width} values, got {len(row)}.")
        values = [*row, *(make() for make in makers.values())]
        for i, prepare in per_row:
            values[i] = prepare(values[i])
        page.append((*values[:width], *prepared_constants, *values[width:]))
        if len(page) >= page_size:
            flush()
    if page:
        flush()
    return ids


def update_rows(
    model: type[models.Model],
    objects: Sequence[models.Model],
    attnames: Sequence[str],
    *,
    page_size: int = 1000,
    using: str = "default",
) -> None:
    """Write the columns `attnames` (`manager_id`, not `manager`) of `objects` as they are in
    memory, a page of rows per statement: no `save()`, no signals, no `full_clean()`.

    On PostgreSQL each page is one `UPDATE … FROM (VALUES …)`: one plain join instead of the
    `CASE WHEN id = …` per row and column that `bulk_update()` builds (slow to compile and to
    evaluate), limited to the page's primary keys (so the primary key's index finds the rows)
    and, for a tenant model, to the active organisation (row-level security checks it again).
    Elsewhere it is `bulk_update()`.
    """
    if not objects:
        return
    opts = model._meta
    connection = connections[using]
    columns = [opts.get_field(name) for name in attnames]
    if connection.vendor != "postgresql":
        names = [column.name for column in columns]
        model._base_manager.db_manager(using).bulk_update(objects, names, batch_size=500)
        return
    from psycopg2.extras import execute_values

    quote = connection.ops.quote_name
    template = "(%s::{}, {})".format(
        opts.pk.rel_db_type(connection),
        ", ".join(f"%s::{column.db_type(connection)}" for column in columns),
    )
    where = f"t.{quote(opts.pk.column)} = v.id"
    if issubclass(model, TenantModel):
        where += f" AND t.{quote('organization_id')} = {int(require_organization_id())}"
    sql = "UPDATE {table} AS t SET {sets} FROM (VALUES %s) AS v (id, {names}) WHERE {where}".format(
        table=quote(opts.db_table),
        sets=", ".join(f"{quote(c.column)} = v.{quote(c.column)}" for c in columns),
        names=", ".join(quote(c.column) for c in columns),
        where=where,
    )
    preparers = [None, *(value_preparer(column, connection) for column in columns)]
    for start in range(0, len(objects), page_size):
        page = objects[start : start + page_size]
        ids = ", ".join(str(int(obj.pk)) for obj in page)
        values = [
            prepared_row((obj.pk, *(getattr(obj, c.attname) for c in columns)), preparers)
            for obj in page
        ]
        with connection.cursor() as cursor:
            # The wrapped cursor keeps Django's query log (tests count these queries).
            execute_values(
                cursor,
                f"{sql} AND t.{quote(opts.pk.column)} IN ({ids})",
                values,
                template=template,
                page_size=len(values),
            )


@contextmanager
def index_order(using: str = "default") -> Iterator[None]:
    """Price sorts out of the queries run inside (`enable_sort = off` until the block ends), so
    PostgreSQL reads rows in an index's order rather than sorting them.

    For a deep page of a list ordered like one of its indexes (`ORDER BY ... OFFSET 2450
    LIMIT 50`): row-level security's filter halves the planner's row estimate, and the
    estimated cost of reading half an index then rivals that of sorting the whole organisation,
    so it may pick the sort, 10 ms instead of 0.7 ms at 10,000 employees. A query with no
    index in its order still sorts. Only inside a transaction (the setting is transaction-local)
    and on PostgreSQL; elsewhere it does nothing.
    """
    connection = connections[using]
    if connection.vendor != "postgresql" or not connection.in_atomic_block:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('enable_sort', 'off', true)")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('enable_sort', 'on', true)")


def count_per_row(rows: QuerySet, *, of: str) -> Coalesce:
    """An annotation: how many of `rows` (filtered on `OuterRef`) belong to each row read,
    `of` naming their foreign key to it. A subquery evaluated for the rows actually read, on
    the child's index, where `Count()` over a join would aggregate every child of every row
    before a page is cut."""
    counted = rows.order_by().values(of).annotate(count=Count("*")).values("count")
    return Coalesce(Subquery(counted), 0)
