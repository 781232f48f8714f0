"""Personal-data rights: a person's data export, erasure of leavers, retention rules.

- `personal_data_export_request` (HR admins and keys with `privacy:write`) records the request
  and builds the ZIP in the background (`personal_data_export_run`, with progress); it can be
  downloaded once (`personal_data_export_download`), then its content is dropped. Both the
  request and the download are audited.
- `employee_erasure_plan` lists what erasing a leaver changes; `employee_erase` applies exactly
  that plan: the person becomes an anonymous record, free text they wrote is removed, and
  nothing is deleted, so aggregates (consolidated levels, goal and plan statistics) and other
  people's records stay as they were.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, timedelta

from django.apps import apps
from django.db import models, transaction
from django.utils import timezone

from plms.audit import actions
from plms.audit.services import audit_record
from plms.common.errors import ApplicationError, NotFound
from plms.people.models import Employee
from plms.privacy.models import PersonalDataExport, RetentionPolicy
from plms.privacy.selectors import retention_policy_get
from plms.privacy.tasks import build_personal_data_export
from plms.tenancy.actors import Actor

REMOVED = "[removed]"

# Free text a person wrote: (model label, lookup of the author, text fields, "employee"/"user").
AUTHORED_TEXT: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
    (
        "goals.Feedback",
        "giver",
        ("observation", "impact", "expectation", "support_offered"),
        "employee",
    ),
    ("goals.GoalUpdate", "recorded_by", ("comment",), "user"),
    ("assessments.Rating", "assessment__rater", ("evidence",), "employee"),
    ("goals.Goal", "owner_employee", ("description",), "employee"),
    ("goals.CheckIn", "report", ("obstacles", "priorities"), "employee"),
    ("learning.PlanItem", "plan__employee", ("evidence", "reflection"), "employee"),
)


# --- Retention rules --------------------------------------------------------------------------


@transaction.atomic
def retention_policy_set(*, actor: Actor, **values: int) -> RetentionPolicy:
    actor.require_admin()
    policy = retention_policy_get(organization_id=actor.organization.pk)
    if values.get("audit_days", policy.audit_days) < 30:
        raise ApplicationError(
            "invalid",
            "The audit log is kept at least 30 days.",
            fields={"audit_days": "At least 30."},
        )
    before = {name: getattr(policy, name) for name in values}
    for name, value in values.items():
        setattr(policy, name, value)
    policy.updated_at = timezone.now()
    policy.save()
    audit_record(
        actor=actor,
        action=actions.RETENTION_CHANGED,
        obj=policy,
        changes={n: {"before": before[n], "after": v} for n, v in values.items() if before[n] != v},
    )
    return policy


# --- Data export ------------------------------------------------------------------------------


def _check_employee(actor: Actor, employee: Employee) -> None:
    actor.require_admin()
    if employee.organization_id != actor.organization.pk:
        raise NotFound()


@transaction.atomic
def personal_data_export_request(*, actor: Actor, employee: Employee) -> PersonalDataExport:
    """Record the request; the ZIP is built in the background once this commits."""
    _check_employee(actor, employee)
    export = PersonalDataExport.objects.create(
        employee=employee, requested_by=actor.user, requested_by_label=actor.label
    )
    audit_record(actor=actor, action=actions.PERSONAL_DATA_EXPORT_REQUESTED, obj=employee)
    transaction.on_commit(
        lambda: build_personal_data_export.delay(
            export.pk, organization_id=employee.organization_id
        )
    )
    return export


@transaction.atomic
def personal_data_export_download(*, actor: Actor, export: PersonalDataExport) -> bytes:
    """The ZIP, once: the content is dropped as it is handed out (audited)."""
    _check_employee(actor, export.employee)
    row = (
        PersonalDataExport.objects.select_for_update()
        .filter(pk=export.pk, status=PersonalDataExport.Status.READY)
        .first()
    )
    if row is None or row.content is None:
        raise ApplicationError(
            "gone",
            "This export is not ready, or has already been downloaded: request a new one.",
            status=410,
        )
    content = bytes(row.content)
    PersonalDataExport.objects.filter(pk=export.pk).update(
        status=PersonalDataExport.Status.DOWNLOADED, content=None, downloaded_at=timezone.now()
    )
    audit_record(
        actor=actor,
        action=actions.PERSONAL_DATA_DOWNLOADED,
        obj=export.employee,
        changes={"bytes": len(content)},
    )
    return content


# --- Erasure ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One field of one record that erasure changes."""

    model: str
    id: int
    field: str
    action: str  # "anonymise" | "remove text" | "withdraw sign-in"

    def as_dict(self) -> dict:
        return asdict(self)


def _anonymous_values(employee: Employee) -> dict[str, str]:
    short = str(employee.uuid)[:8]
    return {
        "first_name": "Former employee",
        "last_name": short,
        "email": f"erased-{employee.uuid}@erased.invalid",
        "external_id": "",
        "title": "",
    }


def employee_leaving_date(employee: Employee) -> date | None:
    """The day `employee` left (None while active). A leaver without a recorded date (none
    should be left: deactivation records it, and migration `people.0003` dated the others)
    counts from their last change."""
    if employee.active:
        return None
    return employee.left_on or timezone.localdate(employee.updated_at)


def employee_erasure_due(*, employee: Employee, today: date | None = None) -> bool:
    """Whether the organisation's retention period for leavers has passed for `employee`,
    counted from the day they left."""
    left_on = employee_leaving_date(employee)
    if left_on is None:
        return False
    policy = retention_policy_get(organization_id=employee.organization_id)
    return left_on + timedelta(days=policy.leavers_days) <= (today or timezone.localdate())


def employee_erasure_plan(*, actor: Actor, employee: Employee) -> list[Change]:
    """What `employee_erase` would change, field by field (the dry run)."""
    _check_employee(actor, employee)
    changes = [
        Change("people.Employee", employee.pk, name, "anonymise")
        for name, value in _anonymous_values(employee).items()
        if getattr(employee, name) != value
    ]
    user = employee.user if employee.user_id is not None else None
    if user is not None:
        anonymous = _anonymous_values(employee)["email"]
        changes += [
            Change("accounts.User", user.pk, name, "anonymise")
            for name, done in (
                ("email", user.email == anonymous),
                ("full_name", not user.full_name),
                ("password", not user.has_usable_password()),
            )
            if not done
        ]
    for label, author, fields, kind in AUTHORED_TEXT:
        model = apps.get_model(label)
        if kind == "user" and employee.user_id is None:
            continue
        lookup = {author: employee.user if kind == "user" else employee}
        for row in model.objects.filter(**lookup).order_by("pk").values("pk", *fields):
            for name in fields:
                if row[name] and row[name] != REMOVED:
                    changes.append(Change(label, row["pk"], name, "remove text"))
    return changes


@transaction.atomic
def employee_erase(*, actor: Actor, employee: Employee, force: bool = False) -> list[Change]:
    """Make a leaver an anonymous record; returns the changes made (the dry run's list).

    Refused for an active person, and before the retention period unless `force` (HR decided
    earlier, e.g. on the person's request)."""
    _check_employee(actor, employee)
    employee = Employee.objects.select_for_update().get(pk=employee.pk)
    if employee.active:
        raise ApplicationError("still_active", "Deactivate the person before erasing them.")
    if not force and not employee_erasure_due(employee=employee):
        raise ApplicationError(
            "retention_not_reached",
            "The organisation's retention period for leavers has not passed yet.",
        )
    changes = employee_erasure_plan(actor=actor, employee=employee)
    by_model: dict[str, dict[int, set[str]]] = {}
    for change in changes:
        by_model.setdefault(change.model, {}).setdefault(change.id, set()).add(change.field)
    values = _anonymous_values(employee)
    Employee.objects.filter(pk=employee.pk).update(
        **{name: values[name] for name in by_model.get("people.Employee", {}).get(employee.pk, ())}
    )
    user = employee.user
    if user is not None:
        user.email = values["email"]
        user.full_name = ""
        user.set_unusable_password()
        user.save(update_fields=["email", "full_name", "password"])
    for label, *_ in AUTHORED_TEXT:
        model = apps.get_model(label)
        for pk, names in by_model.get(label, {}).items():
            model.objects.filter(pk=pk).update(**{name: _removed(model, name) for name in names})
    audit_record(
        actor=actor,
        action=actions.PERSONAL_DATA_ERASED,
        obj=employee,
        changes={"fields_changed": len(changes)},
    )
    return changes


def _removed(model: type[models.Model], name: str) -> str:
    field = model._meta.get_field(name)
    return "" if getattr(field, "blank", False) else REMOVED
