"""The current organization, for the ORM and for PostgreSQL row-level security.

The organization lives in a context variable. `organization_scope()` sets it, opens a
transaction and sets `app.current_organization` inside that transaction with
`set_config(..., true)`, so the database setting can never outlive the transaction it was made
for (safe with pooled connections). Middleware, Celery tasks, management commands and tests
all enter organizations through it.
"""

from __future__ import annotations

import contextvars
import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from django.db import DEFAULT_DB_ALIAS, connections, transaction

if TYPE_CHECKING:
    from plms.tenancy.models import Organization

RLS_SETTING = "app.current_organization"
RLS_BYPASS_SETTING = "app.all_organizations"
# The signed-in user whose memberships may be read before an organization is active.
RLS_USER_SETTING = "app.current_user"

_current_organization_id: contextvars.ContextVar[int | None] = contextvars.ContextVar(
    "plms_current_organization_id", default=None
)

F = TypeVar("F", bound=Callable[..., Any])


class NoOrganizationError(RuntimeError):
    """A tenant query ran with no organization in scope: a bug, never a user error."""


def current_organization_id() -> int | None:
    return _current_organization_id.get()


def require_organization_id() -> int:
    organization_id = _current_organization_id.get()
    if organization_id is None:
        raise NoOrganizationError(
            "No organization is active. Enter one with organization_scope(), or use the "
            "model's dangerously_unscoped manager for deliberate cross-organization work."
        )
    return organization_id


def _set_database_setting(name: str, value: str, using: str) -> None:
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config(%s, %s, true)", [name, value])


@contextmanager
def organization_scope(
    organization: Organization | int, *, using: str = DEFAULT_DB_ALIAS
) -> Iterator[int]:
    """Run the block as `organization`, inside a transaction (a savepoint when nested)."""
    organization_id = organization if isinstance(organization, int) else organization.pk
    if organization_id is None:
        raise NoOrganizationError("Cannot enter an unsaved organization.")
    previous = _current_organization_id.get()
    nested = connections[using].in_atomic_block
    token = _current_organization_id.set(organization_id)
    try:
        with transaction.atomic(using=using):
            _set_database_setting(RLS_SETTING, str(organization_id), using)
            yield organization_id
            if nested:
                # The savepoint is released, not rolled back: put the outer value back.
                _set_database_setting(RLS_SETTING, "" if previous is None else str(previous), using)
    finally:
        _current_organization_id.reset(token)


@contextmanager
def user_scope(user_id: int, *, using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """Let the block read `user_id`'s own memberships (the directory's policy), inside a
    transaction (a savepoint when nested); used to find which organizations a person may act
    in, before one is chosen."""
    nested = connections[using].in_atomic_block
    with transaction.atomic(using=using):
        _set_database_setting(RLS_USER_SETTING, str(int(user_id)), using)
        yield
        if nested:
            _set_database_setting(RLS_USER_SETTING, "", using)


@contextmanager
def organization_context(organization: Organization | int) -> Iterator[int]:
    """Make `organization` current for the block without opening a transaction.

    The boundary of a task whose work commits in several steps (claim, send, record; one
    transaction per batch): it enters the organization once, and each step opens its own
    transaction with `organization_transaction()`. A tenant query outside those transactions
    finds no rows on PostgreSQL (the row-level-security key is set per transaction).
    """
    organization_id = organization if isinstance(organization, int) else organization.pk
    if organization_id is None:
        raise NoOrganizationError("Cannot enter an unsaved organization.")
    token = _current_organization_id.set(organization_id)
    try:
        yield organization_id
    finally:
        _current_organization_id.reset(token)


@contextmanager
def organization_transaction(*, using: str = DEFAULT_DB_ALIAS) -> Iterator[int]:
    """A transaction (a savepoint when nested) in the organization entered at the boundary;
    raises `NoOrganizationError` when none was."""
    with organization_scope(require_organization_id(), using=using) as organization_id:
        yield organization_id


@contextmanager
def dangerously_all_organizations(*, using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """Lift row-level security for deliberate cross-organization work (platform jobs).

    Pair it with a model's `dangerously_unscoped` manager. Both names are meant to be found by
    grep in review; request handlers never use them.
    """
    nested = connections[using].in_atomic_block
    with transaction.atomic(using=using):
        _set_database_setting(RLS_BYPASS_SETTING, "on", using)
        yield
        if nested:
            _set_database_setting(RLS_BYPASS_SETTING, "", using)


def with_organization(func: F) -> F:
    """Decorate a task body that takes `organization_id=`: it runs in that organization."""

    @functools.wraps(func)
    def wrapper(*args: Any, organization_id: int, **kwargs: Any) -> Any:
        with organization_scope(organization_id):
            return func(*args, organization_id=organization_id, **kwargs)

    return wrapper  # type: ignore[return-value]
