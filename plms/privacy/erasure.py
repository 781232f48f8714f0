"""Erasure of leavers: the person becomes an anonymous record.

`employee_erasure_plan` lists what erasing a leaver changes (the dry run); `employee_erase`
applies exactly that plan: the person becomes an anonymous record, free text they wrote is
removed, and nothing is deleted, so aggregates (consolidated levels, goal and plan statistics)
and other people's records stay as they were. HR erases a leaver once the organisation's
retention period has passed since the day they left (earlier on request), and the daily
`leavers_erase_due` does it for every leaver whose period has passed.
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
from plms.privacy.error_codes import RETENTION_NOT_REACHED, STILL_ACTIVE
from plms.privacy.selectors import retention_policy_get
from plms.tenancy.actors import Actor, system_actor
from plms.tenancy.context import organization_transaction, require_organization_id
from plms.tenancy.models import Membership, Organization
from plms.tenancy.selectors import memberships_for_user

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
    ("learning.LearningFeedback", "employee", ("comment",), "employee"),
)


def check_hr_may_act_on(actor: Actor, employee: Employee) -> None:
    """Data rights are HR's (and the system's): on people of the actor's organisation only."""
    actor.require_admin()
    if employee.organization_id != actor.organization.pk:
        raise NotFound()


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
    check_hr_may_act_on(actor, employee)
    changes = [
        Change("people.Employee", employee.pk, name, "anonymise")
        for name, value in _anonymous_values(employee).items()
        if getattr(employee, name) != value
    ]
    user = employee.user if employee.user_id is not None else None
    if user is not None and _signs_in_elsewhere(employee):
        # The sign-in belongs to the person's other organisations too: it stays theirs, and
        # this organisation's record lets go of it.
        changes.append(Change("people.Employee", employee.pk, "user", "unlink"))
    elif user is not None:
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
    check_hr_may_act_on(actor, employee)
    employee = Employee.objects.select_for_update().get(pk=employee.pk)
    if employee.active:
        raise ApplicationError(STILL_ACTIVE, "Deactivate the person before erasing them.")
    if not force and not employee_erasure_due(employee=employee):
        raise ApplicationError(
            RETENTION_NOT_REACHED,
            "The organisation's retention period for leavers has not passed yet.",
        )
    changes = employee_erasure_plan(actor=actor, employee=employee)
    by_model: dict[str, dict[int, set[str]]] = {}
    for change in changes:
        by_model.setdefault(change.model, {}).setdefault(change.id, set()).add(change.field)
    values = _anonymous_values(employee)
    employee_fields = by_model.get("people.Employee", {}).get(employee.pk, set())
    Employee.objects.filter(pk=employee.pk).update(
        **{name: values[name] for name in employee_fields - {"user"}}
    )
    user = employee.user
    if user is not None and "user" in employee_fields:
        Membership.objects.filter(organization_id=employee.organization_id, user=user).delete()
        Employee.objects.filter(pk=employee.pk).update(user=None)
    elif user is not None:
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


def _signs_in_elsewhere(employee: Employee) -> bool:
    """Whether the person's sign-in still gives them access to another organisation."""
    return any(
        membership.organization_id != employee.organization_id
        for membership in memberships_for_user(user=employee.user)
    )


def _removed(model: type[models.Model], name: str) -> str:
    field = model._meta.get_field(name)
    return "" if getattr(field, "blank", False) else REMOVED


def leavers_erase_due(*, today: date | None = None) -> int:
    """Erase every leaver of the current organisation whose retention period has passed since
    the day they left (the daily beat; each person in their own transaction, as the system).
    The number erased."""
    organization = Organization.objects.get(pk=require_organization_id())
    today = today or timezone.localdate()
    with organization_transaction():
        days = retention_policy_get(organization_id=organization.pk).leavers_days
        due = list(
            Employee.objects.filter(active=False, left_on__lte=today - timedelta(days=days))
            .exclude(email__endswith="@erased.invalid")
            .order_by("id")
            .values_list("id", flat=True)
        )
    actor = system_actor(organization)
    for employee_id in due:
        with organization_transaction():
            employee = Employee.objects.get(pk=employee_id)
            employee_erase(actor=actor, employee=employee)
    return len(due)
