"""Every advertised filter works, driven by the published schema: for every collection of the
integrator API and every query parameter its operation advertises (filters, `search`,
`ordering`), two objects are built that differ in what the parameter looks at, and

- a well-formed value narrows the collection (one object stays, the other goes; an ordering
  puts them one way round and its reverse the other);
- a malformed value is a 400 with `code` `invalid` naming the parameter.

A parameter added later joins by being advertised: the objects are derived from its filter's
field, and a parameter whose field cannot be derived (a filter method, a computed collection)
fails until it has a case in `CASES`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest
from django.db import models
from django.urls import resolve
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator

from capabilities.models import CatalogueCapability, CatalogueCategory
from capabilities.services.scales import scale_ensure
from plms.tenancy.actors import system_actor
from reward import services as reward_services
from tests.conftest import in_org
from tests.factories import TENANT_FACTORIES, UserFactory

PREFIX = "/api/v1/"
PAGING = {"page", "page_size"}


def _schema() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


def _advertised() -> list[tuple[str, str, dict]]:
    """(path, parameter, its schema) of every collection's query parameter."""
    found = []
    for path, operations in _schema()["paths"].items():
        operation = operations.get("get")
        if not path.startswith(PREFIX) or operation is None:
            continue
        body = operation["responses"].get("200", {}).get("content", {}).get("application/json")
        reference = (body or {}).get("schema", {}).get("$ref", "")
        if not reference.rsplit("/", 1)[-1].startswith("Paginated"):
            continue
        for parameter in operation.get("parameters", []):
            if parameter["in"] == "query" and parameter["name"] not in PAGING:
                found.append((path, parameter["name"], parameter["schema"]))
    return found


# One employee's report whose rows are questions, not objects with ids: its parameters are
# tried where its rows can be built (tests/assessments/test_review_api.py: the filters are
# checked; tests/assessments/test_upward_reviews.py: `kind` and every combination of filters).
# Survey results, per round and group (tests/surveys/test_api.py tries every parameter).
REPORTS = {"/api/v1/review-answers", "/api/v1/survey-results"}
ADVERTISED = [found for found in _advertised() if found[0] not in REPORTS]


@dataclass
class Case:
    """What a parameter is tried with: the collection's URL, a value that keeps `kept` and
    drops `dropped` (public ids as the collection answers them), or for an ordering the two
    in ascending order."""

    url: str
    value: str
    kept: str
    dropped: str
    ordering: bool = False
    extra: dict[str, str] = field(default_factory=dict)
    miss: str | None = None  # a collection of one: this value drops `kept`


# --- Deriving the two objects from the filter's field -----------------------------------------


def _view(path: str):
    match = resolve(path.replace("{id}", "00000000-0000-0000-0000-000000000000"))
    view = match.func.cls
    return view, match.func.initkwargs


def _model(view) -> type[models.Model]:
    """The collection's model: the serializer's (a proxy such as peer nominations is more
    precise than the filter set's base model)."""
    serialized = view.serializer_class.Meta.model
    filterset = getattr(view, "filterset_class", None)
    base = filterset._meta.model if filterset is not None else None
    if base is not None and not issubclass(serialized, base):
        return base
    return serialized


def _different(model_field: models.Field, value: Any, *, larger: bool = False) -> Any:
    """A value of `model_field` other than `value` (larger, when asked, for orderings)."""
    if model_field.choices:
        options = [choice for choice, _ in model_field.flatchoices]
        if larger:
            return max(options)
        return next(option for option in options if option != value)
    if isinstance(model_field, models.BooleanField):
        return not value
    if isinstance(model_field, (models.DateTimeField, models.DateField)):
        base = value or (
            timezone.now()
            if isinstance(model_field, models.DateTimeField)
            else timezone.now().date()
        )
        return base + timedelta(days=400)
    if isinstance(model_field, (models.DecimalField, models.IntegerField, models.FloatField)):
        return (value or 0) + 7
    return f"{value or ''}zz-other"


def _walk(obj: models.Model, path: list[str]) -> tuple[models.Model, str]:
    """The object holding the last attribute of `path` and that attribute's name."""
    for part in path[:-1]:
        obj = getattr(obj, part)
    return obj, path[-1]


def _split(first: models.Model, second: models.Model, path: list[str]) -> None:
    """Make the two objects differ at `path` unless they do already: the last foreign key on
    it gets a new object of its own on each (so the ids differ and neither is empty), a
    plain field two different, non-empty values."""
    if _value(first, path) not in (None, "") and _value(first, path) != _value(second, path):
        return
    hops, model = [], type(first)
    for name in path:
        model_field = model._meta.get_field(name)
        hops.append(model_field)
        if model_field.is_relation:
            if not model_field.many_to_one:
                raise LookupError(f"a many-valued relation at {'__'.join(path)}: needs a case")
            model = model_field.related_model
    last = max((i for i, hop in enumerate(hops) if hop.is_relation), default=None)
    if last is not None and (last == len(path) - 2 and path[-1] in ("uuid", "id")):
        name = path[last]
        for obj in (first, second):
            holder, _ = _walk(obj, path[: last + 1])
            related = TENANT_FACTORIES[hops[last].related_model](organization=obj.organization)
            setattr(holder, name, related)
            holder.save()
        return
    if hops[-1].is_relation or path[-1] == "uuid":
        raise LookupError(f"cannot make two objects differ at {'__'.join(path)}")
    holder, name = _walk(first, path)
    value = getattr(holder, name)
    if value in (None, ""):
        value = _different(hops[-1], value)
        setattr(holder, name, value)
        holder.save()
    other, _ = _walk(second, path)
    setattr(other, name, _different(hops[-1], value))
    other.save()


def _value(obj: models.Model, path: list[str]) -> Any:
    holder = obj
    for part in path:
        holder = getattr(holder, part, None) if holder is not None else None
    return holder


def _as_query(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _pair(model, org) -> tuple[models.Model, models.Model]:
    make = TENANT_FACTORIES[model]
    return make(organization=org), make(organization=org)


def _derived(path: str, name: str, org) -> Case:
    if "{" in path:
        raise LookupError("a sub-collection: needs a case")
    view, initkwargs = _view(path)
    model = _model(view)
    first, second = _pair(model, org)
    with in_org(org):
        if name == "search":
            search = getattr(view, "search_fields", None) or []
            target = search[0].split("__")
            holder, attribute = _walk(first, target)
            setattr(holder, attribute, "Zebrafinch")
            holder.save()
            return Case(path, "zebrafinch", str(first.uuid), str(second.uuid))
        if name == "ordering":
            fields = initkwargs.get("ordering_fields", getattr(view, "ordering_fields", None))
            if not fields:
                raise LookupError("ordering without declared ordering_fields")
            term = fields[0]
            model_field = model._meta.get_field(term)
            low = getattr(first, term)
            if low is None:
                low = _different(model_field, None)
                setattr(first, term, low)
                first.save()
            model._default_manager.filter(pk=second.pk).update(
                **{term: _different(model_field, low, larger=True)}
            )
            return Case(path, term, str(first.uuid), str(second.uuid), ordering=True)
        filterset = initkwargs.get("filterset_class", getattr(view, "filterset_class", None))
        if filterset is None or name not in filterset.base_filters:
            raise LookupError("not a filter of the view's filter set")
        declared = filterset.base_filters[name]
        if declared.method is not None:
            raise LookupError("a filter method: needs a case")
        target = declared.field_name.split("__")
        _split(first, second, target)
        value = _value(first, target)
        if declared.lookup_expr == "isnull":
            if value is not None and _value(second, target) is not None:
                holder, attribute = _walk(first, target)
                setattr(holder, attribute, None)
                holder.save()
            value = _value(first, target) is None
        return Case(path, _as_query(value), str(first.uuid), str(second.uuid))


# --- Collections whose parameters cannot be derived -------------------------------------------

CASES: dict[tuple[str, str], Callable[[Any], Case]] = {}


def case(path: str, *names: str):
    def register(builder):
        for name in names:
            CASES[(path, name)] = lambda org, builder=builder, name=name: builder(org, name)
        return builder

    return register


def _factory(name: str):
    return next(made for model, made in TENANT_FACTORIES.items() if model.__name__ == name)


@case("/api/v1/capabilities", "tag")
def _capability_tags(org, name):
    first = _factory("Capability")(organization=org, tags=["zebra", "service"])
    second = _factory("Capability")(organization=org, tags=["service"])
    return Case("/api/v1/capabilities", "Zebra", str(first.uuid), str(second.uuid))


def _catalogue_pair():
    categories = [
        CatalogueCategory.objects.create(key=f"zz-filter-{n}", name=f"Filter category {n}")
        for n in (1, 2)
    ]
    first, second = (
        CatalogueCapability.objects.create(
            key=f"zz-filter-{n}",
            name=f"Aardvark filter {n}" if n == 1 else f"Zz filter {n}",
            category=category,
            description="Only for the filter test.",
            tags=["zebra"] if n == 1 else [],
            content_hash="x",
        )
        for n, category in zip((1, 2), categories, strict=True)
    )
    return first, second


@case("/api/v1/catalogue/capabilities", "category", "search", "tag", "ordering")
def _catalogue(org, name):
    first, second = _catalogue_pair()
    url = "/api/v1/catalogue/capabilities"
    value = {
        "category": first.category.key,
        "search": "aardvark",
        "tag": "zebra",
        "ordering": "name",
    }[name]
    return Case(
        url,
        value,
        first.key,
        second.key,
        ordering=name == "ordering",
        extra={"search": "zz-filter"},  # the shipped entries are many pages
    )


@case("/api/v1/competency-scales", "search")
def _scales(org, name):
    # One scale per organisation: the search keeps it or drops it.
    with in_org(org):
        scale = scale_ensure()
    return Case("/api/v1/competency-scales", scale.name.split()[0], str(scale.uuid), "", miss="zz")


@case("/api/v1/goals", "capability")
def _goal_capabilities(org, name):
    first, second = (_factory("GoalCapability")(organization=org) for _ in range(2))
    return Case(
        "/api/v1/goals", str(first.capability.uuid), str(first.goal.uuid), str(second.goal.uuid)
    )


@case("/api/v1/goals", "department", "owner_type")
def _goal_owners(org, name):
    department = _factory("Department")(organization=org)
    first = _factory("Goal")(
        organization=org, owner_type="department", owner_employee=None, owner_department=department
    )
    second = _factory("Goal")(organization=org)
    value = str(department.uuid) if name == "department" else "department"
    return Case("/api/v1/goals", value, str(first.uuid), str(second.uuid))


@case("/api/v1/learning-items", "capability")
def _item_capabilities(org, name):
    first, second = (_factory("ItemCapability")(organization=org) for _ in range(2))
    url = "/api/v1/learning-items"
    return Case(url, str(first.capability.uuid), str(first.item.uuid), str(second.item.uuid))


@case("/api/v1/rating-previews", "contested")
def _contested(org, name):
    first, second = (_factory("PreviewLevel")(organization=org) for _ in range(2))
    _factory("PreviewVote")(
        organization=org, consolidated=first, voter=UserFactory(), vote="too_high", comment="No."
    )
    return Case("/api/v1/rating-previews", "true", str(first.uuid), str(second.uuid))


@case("/api/v1/audit-events", "action", "actor", "object", "object_type", "since", "until")
def _audit(org, name):
    now = timezone.now()
    make = _factory("AuditEvent")
    first = make(
        organization=org,
        action="zebra.seen",
        actor_label="Zebra keeper",
        object_type="goals.goal",
        object_uuid=uuid.uuid4(),
        created_at=now - timedelta(days=10),
    )
    second = make(organization=org, created_at=now + timedelta(seconds=1))
    if name == "since":
        first, second = second, first
    value = {
        "action": "zebra",
        "actor": "zebra",
        "object": str(first.object_uuid),
        "object_type": "goals.goal",
        "since": (now - timedelta(days=1)).isoformat(),
        "until": (now - timedelta(days=1)).isoformat(),
    }[name]
    return Case("/api/v1/audit-events", value, str(first.uuid), str(second.uuid))


@case("/api/v1/peer-nominations/suggestions", "cycle", "employee", "limit")
def _suggestions(org, name):
    make = _factory("Employee")
    nominee = make(organization=org, last_name="Nominee")
    first = make(organization=org, last_name="Aa colleague")
    second = make(organization=org, last_name="Bb colleague")
    cycles = [
        _factory("AssessmentCycle")(organization=org, status="open", max_peer_requests=1)
        for _ in range(2)
    ]
    base = {"cycle": str(cycles[1].uuid), "employee": str(nominee.uuid), "limit": "5"}
    url = "/api/v1/peer-nominations/suggestions"
    if name == "cycle":  # the second colleague is at the first cycle's cap
        _factory("PeerNomination")(organization=org, cycle=cycles[0], rater=second)
        value = str(cycles[0].uuid)
    elif name == "employee":  # nobody is suggested to themselves
        value = str(second.uuid)
    else:
        value = "1"
    return Case(url, value, str(first.uuid), str(second.uuid), extra=base)


@case("/api/v1/performance-outliers", "kind", "cycles", "times")
def _outliers(org, name):
    """Three cycles of final ratings: A top in all three, B top in the older two, C lowest
    in all three. By default (2 of the last 3) all are listed; `kind=high` drops C, the
    latest cycle alone (`cycles=1`) and all three (`times=3`) drop B."""
    with in_org(org):
        reward_services.rating_scale_ensure(actor=system_actor(org))
    cycles = [
        _factory("AssessmentCycle")(
            organization=org,
            period_start=timezone.localdate() - timedelta(days=400 * (3 - n) + 90),
            period_end=timezone.localdate() - timedelta(days=400 * (3 - n)),
        )
        for n in range(3)
    ]
    people = {}
    for label, levels in (("a", (5, 5, 5)), ("b", (5, 5, 3)), ("c", (1, 1, 1))):
        people[label] = _factory("Employee")(organization=org, last_name=f"Outlier {label}")
        for cycle, level in zip(cycles, levels, strict=True):
            _factory("PerformanceRating")(
                organization=org, cycle=cycle, employee=people[label], manager_level=level
            )
    first, second = str(people["a"].uuid), str(people["b" if name != "kind" else "c"].uuid)
    value = {"kind": "high", "cycles": "1", "times": "3"}[name]
    return Case("/api/v1/performance-outliers", value, first, second)


# --- Malformed values -------------------------------------------------------------------------


def _malformed(name: str, schema: dict) -> str:
    if schema.get("format") == "uuid":
        return "not-an-id"
    if "enum" in schema:
        return "zz-not-a-choice"
    if schema.get("type") == "boolean":
        return "maybe"
    if schema.get("type") in ("integer", "number"):
        return "x"
    if schema.get("format") in ("date", "date-time"):
        return "not-a-date"
    if name == "ordering":
        return "zz-not-a-field"
    return "\x00"  # text: a NUL byte is never a value


# --- The test ---------------------------------------------------------------------------------


def _ids(response) -> list[str]:
    assert response.status_code == 200, (response.request, response.content[:400])
    # Rows name themselves by `id`; the catalogue by `key`; a suggestion by its `employee`.
    return [
        row.get("id") or row.get("key") or row["employee"] for row in response.json()["results"]
    ]


@pytest.mark.parametrize(
    ("path", "name", "schema"),
    ADVERTISED,
    ids=[f"{path[len(PREFIX) :]}?{name}" for path, name, _ in ADVERTISED],
)
def test_every_advertised_filter_narrows_and_refuses_a_malformed_value(
    path, name, schema, org_a, hr_admin, key_client_a
):
    builder = CASES.get((path, name))
    try:
        built = builder(org_a) if builder else _derived(path, name, org_a)
    except LookupError as exc:
        pytest.fail(f"{path}?{name}: no case ({exc}); add one to CASES")
    every = _ids(key_client_a.get(built.url, {"page_size": 100, **built.extra}))
    listed = {built.kept, built.dropped} - {""}
    assert listed <= set(every), ("both must be listed unfiltered", built, every)
    if built.miss is not None:
        assert built.kept in _ids(key_client_a.get(built.url, {name: built.value}))
        assert built.kept not in _ids(key_client_a.get(built.url, {name: built.miss}))
    elif built.ordering:
        ascending = _ids(key_client_a.get(built.url, {name: built.value, **built.extra}))
        descending = _ids(key_client_a.get(built.url, {name: f"-{built.value}", **built.extra}))
        assert ascending.index(built.kept) < ascending.index(built.dropped)
        assert descending.index(built.kept) > descending.index(built.dropped)
    else:
        narrowed = _ids(key_client_a.get(built.url, {**built.extra, name: built.value}))
        assert built.kept in narrowed and built.dropped not in narrowed, (built, narrowed)

    refused = key_client_a.get(built.url, {**built.extra, name: _malformed(name, schema)})
    assert refused.status_code == 400, (name, refused.status_code, refused.content[:300])
    assert refused.json()["code"] == "invalid"
    assert name in refused.json()["fields"], refused.json()


def test_every_collection_with_parameters_is_tried():
    assert len(ADVERTISED) > 80
    assert {path for path, _ in CASES} <= {path for path, _, _ in ADVERTISED}
