"""Domain events: what happened in an organization, typed, published by the app it happened in.

Each app declares its events in its own `events.py`, one `DomainEvent` subclass per event
(`employee_joined`, `assessment_submitted`, `cycle_closed`, …), and publishes them with
`publish()` inside the transaction of the change. `publish()` writes one outbox row per event
(`OutboxEvent`) and hands the rows to the outbox's listeners (webhook delivery, registered by
plms.integrations); a rolled-back change leaves no event.

Subscribers name events, never read another app's payloads:
- an app reacts in-process with `@subscribe(EventClass)`: its handler runs once the change
  commits (learning builds the development plans of a closed cycle);
- webhooks listen to the outbox and send each event's public envelope (`webhook_type`, `data`);
- Momentum reads the events its triggers name through their `feed()`: the outbox rows of those
  events after a cursor, so an event starts its runs once however often the tick runs. An event
  an app already records durably in its own table (a goal's red episode) declares a feed over
  that table instead and is not written to the outbox.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, TypeVar

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from plms.common.db import insert_rows
from plms.events.models import OutboxEvent
from plms.tenancy.actors import Actor
from plms.tenancy.context import require_organization_id
from plms.tenancy.models import Organization

if TYPE_CHECKING:
    from django.utils.functional import Promise


# --- Feeds: how a subscriber reads an event durably, after a cursor ---------------------------


@dataclass(frozen=True)
class Occurrence:
    """One occurrence of an event, for one employee (neither id: everyone it may concern)."""

    cursor: int
    key: str
    at: datetime
    employee_id: int | None = None
    employee_uuid: str | None = None


class Feed(Protocol):
    def start(self) -> int:
        """The cursor before anything that happens from now on."""
        ...

    def read(self, *, after: int, limit: int) -> tuple[list[Occurrence], int]:
        """Up to `limit` occurrences after the cursor `after`, and the cursor after them."""
        ...


# --- Events --------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class DomainEvent:
    """Base of every domain event. Subclasses set the class attributes and are registered by
    their `name` when their app's `events.py` is imported (at start-up)."""

    name: ClassVar[str]
    label: ClassVar[str | Promise]
    # What webhooks call it (`employee.created`); None: not sent to webhooks.
    webhook_type: ClassVar[str | None] = None
    # Without a subject, the event concerns everyone a subscriber's audience holds (a cycle
    # closing); otherwise an occurrence without one concerns nobody.
    audience_wide: ClassVar[bool] = False
    # A feed over the app's own record of the event; None: the outbox.
    feed: ClassVar[Feed | None] = None

    # The public id of the employee it concerns, and the event's public representation.
    subject: str | None = None
    data: Mapping[str, Any] = field(default_factory=dict)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "name" not in cls.__dict__:
            return
        known = EVENTS.get(cls.name)
        if known is not None and known.__qualname__ != cls.__qualname__:
            raise ValueError(f"Two domain events are named {cls.name!r}.")
        EVENTS[cls.name] = cls


EVENTS: dict[str, type[DomainEvent]] = {}


def event_class(name: str) -> type[DomainEvent]:
    try:
        return EVENTS[name]
    except KeyError:
        raise ValueError(f"Unknown domain event {name!r}.") from None


# --- Subscribing in-process ---------------------------------------------------------------------

E = TypeVar("E", bound=DomainEvent)
Handler = Callable[[Any], object]
_HANDLERS: dict[type[DomainEvent], list[Handler]] = {}


def subscribe(*event_types: type[DomainEvent]) -> Callable[[Handler], Handler]:
    """Call the decorated `handler(event)` once the transaction that published one of
    `event_types` commits (never for a rolled-back change). A handler's failure is logged and
    does not reach the publisher, whose change has committed already."""

    def register(handler: Handler) -> Handler:
        for event_type in event_types:
            handlers = _HANDLERS.setdefault(event_type, [])
            if handler not in handlers:
                handlers.append(handler)
        return handler

    return register


# --- Publishing --------------------------------------------------------------------------------

OutboxListener = Callable[[Organization, list[OutboxEvent]], object]
_LISTENERS: list[OutboxListener] = []
L = TypeVar("L", bound=OutboxListener)


def listen(listener: L) -> L:
    """Call `listener(organization, rows)` with the outbox rows of every `publish()`, inside
    the publishing transaction (webhook delivery registers itself this way)."""
    if listener not in _LISTENERS:
        _LISTENERS.append(listener)
    return listener


def _organization_of(actor_or_organization: Actor | Organization) -> Organization:
    if isinstance(actor_or_organization, Actor):
        return actor_or_organization.organization
    return actor_or_organization


def _jsonable(data: Mapping[str, Any]) -> dict[str, Any]:
    return json.loads(json.dumps(dict(data), cls=DjangoJSONEncoder))


def outbox_write(
    *, actor_or_organization: Actor | Organization, entries: Iterable[tuple[str, Mapping]]
) -> list[OutboxEvent]:
    """Write `(webhook type, data)` envelopes to the outbox without telling the listeners:
    for messages that are not domain events (a webhook's test event). One query."""
    return _write(_organization_of(actor_or_organization), [(t, "", None, d) for t, d in entries])


def publish(
    *, actor_or_organization: Actor | Organization, events: Iterable[DomainEvent]
) -> list[OutboxEvent]:
    """Record `events` in the outbox, in the caller's transaction, and tell the listeners.

    One query for the rows (plus what the listeners write); nothing is sent before commit.
    """
    events = list(events)
    rows = []
    for event in events:
        if type(event).feed is not None:
            raise ValueError(f"{event.name} is recorded by its app, not published.")
        rows.append((event.webhook_type or event.name, event.name, event.subject, event.data))
    organization = _organization_of(actor_or_organization)
    written = _write(organization, rows)
    if written:
        for listener in _LISTENERS:
            listener(organization, written)
    for event in events:
        for handler in _HANDLERS.get(type(event), ()):
            transaction.on_commit(partial(handler, event), robust=True)
    return written


def _write(
    organization: Organization, rows: list[tuple[str, str, str | None, Mapping[str, Any]]]
) -> list[OutboxEvent]:
    if organization.pk != require_organization_id():
        raise ValueError("Events are published inside their organization's scope.")
    if not rows:
        return []
    now = timezone.now()
    written = []
    for type_, name, subject, data in rows:
        row = OutboxEvent(
            organization_id=organization.pk,
            type=type_,
            name=name,
            subject=subject,
            created_at=now,
        )
        row.payload = {
            "id": str(row.uuid),
            "type": type_,
            "created_at": now.isoformat(),
            "organization": str(organization.uuid),
            "data": _jsonable(data),
        }
        written.append(row)
    # Written as plain values (a tick publishes thousands of events at once), ids set back.
    fields = ("uuid", "type", "name", "subject", "payload", "created_at")
    using = OutboxEvent.objects.db
    ids = insert_rows(
        OutboxEvent,
        fields,
        [[getattr(row, name) for name in fields] for row in written],
        returning_ids=True,
        using=using,
    )
    for row, pk in zip(written, ids, strict=True):
        row.pk = pk
        row._state.adding, row._state.db = False, using
    return written


# --- Reading ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class OutboxFeed:
    """The outbox rows of some events, in the order they were written."""

    names: tuple[str, ...]

    def start(self) -> int:
        return OutboxEvent.objects.aggregate(last=Max("id"))["last"] or 0

    def read(self, *, after: int, limit: int) -> tuple[list[Occurrence], int]:
        wide = {name for name in self.names if event_class(name).audience_wide}
        rows = list(
            OutboxEvent.objects.filter(id__gt=after, name__in=self.names)
            .only("id", "uuid", "name", "subject", "created_at")
            .order_by("id")[:limit]
        )
        found = [
            Occurrence(
                row.id,
                f"event:{row.uuid}",
                row.created_at,
                employee_uuid=str(row.subject) if row.subject else None,
            )
            for row in rows
            if row.subject is not None or row.name in wide
        ]
        return found, (rows[-1].id if rows else after)


def feed(names: Iterable[str]) -> Feed:
    """How to read the events named: their app's own feed (one event), else the outbox."""
    names = tuple(names)
    own = [event_class(name).feed for name in names if event_class(name).feed is not None]
    if not own:
        return OutboxFeed(names)
    if len(names) > 1:
        raise ValueError("An event with its own feed is read alone.")
    return own[0]  # type: ignore[return-value]
