"""Moving one organization between databases: `manage.py export_org` / `import_org`.

The export is one JSON document: the organization, the people who sign in to it (by e-mail),
and every row of every tenant table plus its memberships, with foreign keys as the source's
ids (rows of the organization) or natural keys (users, permissions, groups). The import runs
in one transaction on the target: every row gets a new id from the target's sequences (ids are
per database, so they would collide), foreign keys are rewritten through the id maps, public
ids (`uuid`) are kept so API clients and links still work, and people who already have an
account on the target (same e-mail) keep it. PostgreSQL checks the foreign keys at commit
(Django declares them DEFERRABLE INITIALLY DEFERRED), so the order of tables does not matter
and anything wrong rolls the whole import back. API keys are not copied: each is issued again
with a new secret, printed once.

`manifest()` describes an organization's data independently of ids: per table the number of
rows and a SHA-256 over the rows' contents with every reference written as the referenced
row's public id or natural key. An export carries the source's manifest; the import checks
the target's against it before committing.
"""

from __future__ import annotations

import base64
import datetime
import decimal
import hashlib
import json
import uuid
from collections.abc import Iterable

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connections, models, transaction
from django.utils.duration import duration_string

from plms.common.errors import ApplicationError
from plms.tenancy.context import organization_scope
from plms.tenancy.error_codes import CONFLICT, INVALID, MISMATCH, NOT_FOUND, UNSUPPORTED_REFERENCE
from plms.tenancy.models import ApiKey, Membership, Organization, TenantModel
from plms.tenancy.services import api_key_create

FORMAT = "plms-organization/1"
USER_FIELDS = ("email", "full_name", "time_zone", "is_active", "password", "date_joined")


def tenant_models() -> list[type[models.Model]]:
    """Every table that holds an organization's rows, in a stable order."""
    found = [
        m
        for m in apps.get_models()
        if issubclass(m, TenantModel) and not m._meta.proxy and m._meta.managed
    ]
    return sorted([*found, Membership], key=lambda m: m._meta.label)


# --- Values ------------------------------------------------------------------------------------


def _encode(value):
    if isinstance(value, bytes | memoryview):
        return {"$b64": base64.b64encode(bytes(value)).decode()}
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return duration_string(value)
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    return value


def _decode(field: models.Field, value):
    if value is None:
        return None
    if isinstance(value, dict) and set(value) == {"$b64"}:
        return base64.b64decode(value["$b64"])
    if isinstance(field, models.JSONField):
        return value
    return field.to_python(value)


def _natural_key(model, pk, *, using: str):
    """The id-independent name of a row outside the organization."""
    if pk is None:
        return None
    if model is get_user_model():
        return model.objects.using(using).values_list("email", flat=True).get(pk=pk)
    if model is Permission:
        app_label, codename = (
            Permission.objects.using(using)
            .values_list("content_type__app_label", "codename")
            .get(pk=pk)
        )
        return f"{app_label}.{codename}"
    if model is Group:
        return Group.objects.using(using).values_list("name", flat=True).get(pk=pk)
    if model is ContentType:
        ct = ContentType.objects.db_manager(using).get_for_id(pk)
        return f"{ct.app_label}.{ct.model}"
    raise ApplicationError(
        UNSUPPORTED_REFERENCE, f"A reference to {model._meta.label} cannot be moved."
    )


def _resolve_natural_key(model, key, *, using: str, users: dict[str, int]):
    if key is None:
        return None
    if model is get_user_model():
        return users[key]
    if model is Permission:
        app_label, codename = key.split(".", 1)
        return (
            Permission.objects.using(using)
            .values_list("pk", flat=True)
            .get(content_type__app_label=app_label, codename=codename)
        )
    if model is Group:
        return Group.objects.using(using).get_or_create(name=key)[0].pk
    if model is ContentType:
        app_label, name = key.split(".", 1)
        return ContentType.objects.db_manager(using).get_by_natural_key(app_label, name).pk
    raise ApplicationError(
        UNSUPPORTED_REFERENCE, f"A reference to {model._meta.label} cannot be moved."
    )


def _inside(model) -> bool:
    return model is Organization or model in set(tenant_models())


# --- Export ------------------------------------------------------------------------------------


def organization_export(*, slug: str, using: str = "default") -> dict:
    """Everything of the organization `slug`, as a JSON-ready document."""
    organization = Organization.objects.using(using).filter(slug=slug).first()
    if organization is None:
        raise ApplicationError(NOT_FOUND, f"No organization {slug!r}.")
    tables: dict[str, dict] = {}
    user_ids: set[int] = set()
    natural: dict[tuple[type, int], object] = {}
    with organization_scope(organization, using=using):
        for model in tenant_models():
            fields = [f for f in model._meta.concrete_fields]
            rows = []
            queryset = model._base_manager.using(using).filter(organization=organization)
            for row in queryset.order_by("pk").values_list(*[f.attname for f in fields]):
                out = []
                for field, value in zip(fields, row, strict=True):
                    target = field.related_model if field.is_relation else None
                    if target is not None and not _inside(target) and value is not None:
                        if target is get_user_model():
                            user_ids.add(value)
                        key = (target, value)
                        if key not in natural:
                            natural[key] = _natural_key(target, value, using=using)
                        value = natural[key]
                    out.append(_encode(value))
                rows.append(out)
            tables[model._meta.label] = {"fields": [f.attname for f in fields], "rows": rows}
        api_keys = [
            {
                "name": key.name,
                "scopes": key.scopes,
                "created_by": key.created_by.email if key.created_by_id else None,
                "expires_at": _encode(key.expires_at),
            }
            for key in ApiKey.objects.using(using)
            .filter(organization=organization, revoked_at__isnull=True)
            .select_related("created_by")
            .order_by("created_at", "id")
        ]
        for key in api_keys:
            if key["created_by"]:
                user_ids.add(get_user_model().objects.using(using).get(email=key["created_by"]).pk)
        users = [
            {name: _encode(getattr(user, name)) for name in USER_FIELDS}
            for user in get_user_model()
            .objects.using(using)
            .filter(pk__in=user_ids)
            .order_by("email")
        ]
        document = {
            "format": FORMAT,
            "organization": {
                "uuid": str(organization.uuid),
                "slug": organization.slug,
                "name": organization.name,
                "time_zone": organization.time_zone,
                "created_at": _encode(organization.created_at),
            },
            "users": users,
            "tables": tables,
            "api_keys": api_keys,
            "manifest": manifest(organization=organization, using=using),
        }
    return document


# --- Import ------------------------------------------------------------------------------------


def _allocate_ids(model, count: int, *, using: str) -> list[int]:
    if count == 0:
        return []
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, model._meta.pk.column, count],
        )
        return [row[0] for row in cursor.fetchall()]


def organization_import(*, document: dict, using: str = "default") -> tuple[Organization, list]:
    """Create the organization of `document` on `using`, all or nothing. Returns it and the
    re-issued API keys as (name, secret) pairs."""
    if document.get("format") != FORMAT:
        raise ApplicationError(INVALID, "Not a PLMS organization export.")
    if connections[using].vendor != "postgresql":
        raise ApplicationError(INVALID, "Importing needs PostgreSQL.")
    source = document["organization"]
    User = get_user_model()
    with transaction.atomic(using=using):
        taken = Organization.objects.using(using).filter(
            models.Q(slug=source["slug"]) | models.Q(uuid=source["uuid"])
        )
        if taken.exists():
            raise ApplicationError(
                CONFLICT, f"Organization {source['slug']!r} exists already on the target."
            )
        organization = Organization.objects.using(using).create(
            uuid=source["uuid"],
            slug=source["slug"],
            name=source["name"],
            time_zone=source["time_zone"],
            created_at=datetime.datetime.fromisoformat(source["created_at"]),
        )
        users: dict[str, int] = {}
        for data in document["users"]:
            user = User.objects.using(using).filter(email__iexact=data["email"]).first()
            if user is None:
                user = User(
                    **{
                        name: _decode(User._meta.get_field(name), data[name])
                        for name in USER_FIELDS
                    }
                )
                user.save(using=using)
            users[data["email"]] = user.pk

        models_by_label = {m._meta.label: m for m in tenant_models()}
        id_maps: dict[type, dict[int, int]] = {}
        for label, table in document["tables"].items():
            model = models_by_label[label]
            old_ids = [row[table["fields"].index(model._meta.pk.attname)] for row in table["rows"]]
            id_maps[model] = dict(
                zip(old_ids, _allocate_ids(model, len(old_ids), using=using), strict=True)
            )

        with organization_scope(organization, using=using):
            for label, table in document["tables"].items():
                model = models_by_label[label]
                _insert(model, table, organization, id_maps, users, using=using)
            _check_references(using)
            arrived = manifest(organization=organization, using=using)
        if arrived != document["manifest"]:
            differing = sorted(
                label
                for label in set(arrived) | set(document["manifest"])
                if arrived.get(label) != document["manifest"].get(label)
            )
            raise ApplicationError(
                MISMATCH, f"The imported data differs from the export in {differing}."
            )
        # Issued after the comparison: issuing a key is itself recorded (an audit event).
        with organization_scope(organization, using=using):
            secrets = []
            for key in document["api_keys"]:
                created_by = users.get(key["created_by"]) if key["created_by"] else None
                _, secret = api_key_create(
                    organization=organization,
                    name=key["name"],
                    scopes=key["scopes"],
                    created_by=User.objects.using(using).get(pk=created_by) if created_by else None,
                    expires_at=datetime.datetime.fromisoformat(key["expires_at"])
                    if key["expires_at"]
                    else None,
                )
                secrets.append((key["name"], secret))
    return organization, secrets


def _check_references(using: str) -> None:
    """Check the deferred foreign keys now, so a dangling one is a clear error."""
    try:
        with transaction.atomic(using=using), connections[using].cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    except IntegrityError as exc:
        raise ApplicationError(INVALID, f"A reference does not resolve: {exc}") from exc


def _insert(model, table, organization, id_maps, users, *, using: str) -> None:
    by_attname = {f.attname: f for f in model._meta.concrete_fields}
    fields = [by_attname[name] for name in table["fields"]]
    instances = []
    for row in table["rows"]:
        values = {}
        for field, value in zip(fields, row, strict=True):
            if field.primary_key:
                value = id_maps[model][value]
            elif field.is_relation and value is not None:
                target = field.related_model
                if target is Organization:
                    value = organization.pk
                elif target in id_maps:
                    if value not in id_maps[target]:
                        raise ApplicationError(
                            INVALID,
                            f"{model._meta.label}.{field.name} refers to a "
                            f"{target._meta.label} that is not in the export.",
                        )
                    value = id_maps[target][value]
                else:
                    value = _resolve_natural_key(target, value, using=using, users=users)
            else:
                value = _decode(field, value)
            values[field.attname] = value
        instances.append(model(**values))
    models.QuerySet(model=model, using=using).bulk_create(instances, batch_size=1000)


# --- Manifest ----------------------------------------------------------------------------------


def manifest(*, organization: Organization, using: str = "default") -> dict[str, dict]:
    """Per table: rows and a checksum of their contents that does not depend on ids.
    Runs inside the organization's scope."""
    keys: dict[type, dict[int, str]] = {}
    for model in tenant_models():
        if any(f.name == "uuid" for f in model._meta.concrete_fields):
            keys[model] = {
                pk: str(public)
                for pk, public in model._base_manager.using(using)
                .filter(organization=organization)
                .values_list("pk", "uuid")
            }
    keys[Membership] = {
        pk: email
        for pk, email in Membership.objects.using(using)
        .filter(organization=organization)
        .values_list("pk", "user__email")
    }
    natural: dict[tuple[type, int], object] = {}
    result: dict[str, dict] = {}
    for model in tenant_models():
        fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        lines = []
        queryset = model._base_manager.using(using).filter(organization=organization)
        for row in queryset.values_list(*[f.attname for f in fields]):
            out = []
            for field, value in zip(fields, row, strict=True):
                if field.is_relation and value is not None:
                    target = field.related_model
                    if target is Organization:
                        value = "organization"
                    elif target in keys:
                        value = keys[target][value]
                    else:
                        if (target, value) not in natural:
                            natural[(target, value)] = _natural_key(target, value, using=using)
                        value = natural[(target, value)]
                out.append(_encode(value))
            lines.append(json.dumps(out, sort_keys=True, default=str))
        lines.sort()
        digest = hashlib.sha256("\n".join(lines).encode()).hexdigest()
        result[model._meta.label] = {"rows": len(lines), "sha256": digest}
    return result


def manifest_lines(data: dict[str, dict]) -> Iterable[str]:
    for label, entry in sorted(data.items()):
        yield f"{label:45} {entry['rows']:>8}  {entry['sha256'][:16]}"
