"""Writes of people: employees, departments, reporting lines, invitations.

Every function takes the acting `Actor`, checks it may act, keeps related objects inside the
organization and runs in one transaction.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from plms.accounts.services import member_sign_in_sync
from plms.common.errors import ApplicationError
from plms.common.validation import full_clean
from plms.events.bus import publish
from plms.people.error_codes import (
    ALREADY_JOINED,
    DUPLICATE,
    DUPLICATE_EMAIL,
    DUPLICATE_EXTERNAL_ID,
    INVALID,
    INVALID_EMAIL,
    INVALID_INVITATION,
    INVALID_REPORTING_LINES,
    INVALID_ROLE,
    INVALID_WEIGHTS,
    REPORTING_CYCLE,
)
from plms.people.events import EmployeeChanged, EmployeeRoleOrManagerChanged, employee_event
from plms.people.models import Department, Employee, Invitation, SecondaryManager
from plms.people.selectors import all_report_ids_sql
from plms.tenancy.actors import Actor, same_organization
from plms.tenancy.models import Membership
from plms.tenancy.services import membership_set

MSG_CYCLE = "{manager} reports to {employee} already: this would create a reporting cycle."
MSG_WEIGHTS = "Manager weights total {total} %, not 100 %."
EMPLOYEE_FIELDS = (
    "first_name",
    "last_name",
    "title",
    "department",
    "start_date",
    "active",
    "left_on",
)
MSG_LEFT_ON_ACTIVE = "Only a person who has left has a leaving date."
MSG_LEFT_ON_FUTURE = "A leaving date cannot be in the future."


@dataclass(frozen=True)
class MatrixLine:
    manager: Employee
    weight: int


def department_create(*, actor: Actor, name: str, parent: Department | None = None) -> Department:
    actor.require_admin()
    same_organization(actor, parent)
    name = name.strip()
    if not name:
        raise ApplicationError(INVALID, "A name is required.", fields={"name": "Required."})
    if Department.objects.filter(name__iexact=name).exists():
        raise ApplicationError(
            DUPLICATE, f"A department named {name!r} exists.", fields={"name": "Already used."}
        )
    return Department.objects.create(name=name, parent=parent)


@transaction.atomic
def employee_create(
    *, actor: Actor, email: str, first_name: str, last_name: str = "", **fields: object
) -> Employee:
    actor.require_admin()
    email = _clean_email(email)
    if Employee.objects.filter(email=email).exists():
        raise ApplicationError(
            DUPLICATE_EMAIL,
            f"An employee with e-mail {email} exists.",
            fields={"email": "Already used by another employee."},
        )
    same_organization(actor, fields.get("department"))
    _check_external_id_free(str(fields.get("external_id") or ""), exclude=None)
    employee = Employee(email=email, first_name=first_name.strip(), last_name=last_name.strip())
    for name, value in fields.items():
        if name not in (*EMPLOYEE_FIELDS, "external_id"):
            raise TypeError(f"Unknown employee field {name!r}.")
        setattr(employee, name, value)
    _check_left_on(employee)
    employee.record_leaving(was_active=True)
    full_clean(employee, exclude=["user", "manager", "department"], validate_constraints=True)
    employee.save()
    event = employee_event(employee=employee, created=True, was_active=True)
    publish(actor_or_organization=actor, events=[event])
    return employee


@transaction.atomic
def employee_update(
    *, actor: Actor, employee: Employee, by: str | None = None, **changes: object
) -> Employee:
    """Change an employee. Deactivating one withdraws their sign-in to the organization and
    reactivating gives it back (`member_sign_in_sync`; `by` names who did it in the audit
    trail, the actor by default). Deactivating dates the leaving today unless `left_on` is
    given (HR may correct it later); reactivating clears it."""
    actor.require_admin()
    same_organization(actor, employee, changes.get("department"))
    changed, was_active = [], employee.active
    for name, value in changes.items():
        if name not in (*EMPLOYEE_FIELDS, "external_id", "email"):
            raise TypeError(f"Unknown employee field {name!r}.")
        if name == "email":
            value = _clean_email(str(value))
            if Employee.objects.filter(email=value).exclude(pk=employee.pk).exists():
                raise ApplicationError(
                    DUPLICATE_EMAIL,
                    f"An employee with e-mail {value} exists.",
                    fields={"email": "Already used by another employee."},
                )
        if name == "external_id":
            _check_external_id_free(str(value or ""), exclude=employee)
        if getattr(employee, name) != value:
            setattr(employee, name, value)
            changed.append(name)
    if "left_on" in changed:
        _check_left_on(employee)
    if employee.record_leaving(was_active=was_active) and "left_on" not in changed:
        changed.append("left_on")
    if changed:
        full_clean(employee, exclude=["user", "manager", "department"], validate_constraints=True)
        employee.updated_at = timezone.now()
        employee.save(update_fields=[*changed, "updated_at"])
        moved = bool({"title", "manager"} & set(changed))
        event = employee_event(employee=employee, created=False, was_active=was_active, moved=moved)
        publish(actor_or_organization=actor, events=[event])
    if "active" in changed:
        member_sign_in_sync(
            actor=actor, employee=employee, was_active=was_active, by=by or actor.label
        )
    return employee


@transaction.atomic
def reporting_lines_set(
    *,
    actor: Actor,
    employee: Employee,
    manager: Employee | None,
    manager_weight: int = 100,
    matrix: Sequence[MatrixLine] = (),
) -> Employee:
    """Set an employee's primary manager and matrix managers.

    Weights are percentages: the primary manager's and the matrix managers' total 100. A
    manager may not be the employee or anyone who reports to them (directly or indirectly,
    through primary or matrix lines).
    """
    actor.require_admin()
    managers = [manager, *(line.manager for line in matrix)] if manager else []
    same_organization(actor, employee, *managers)
    if manager is None and matrix:
        raise ApplicationError(
            INVALID_REPORTING_LINES,
            "Matrix managers need a primary manager.",
            fields={"manager": "Required when matrix managers are given."},
        )
    if manager is not None:
        total = manager_weight + sum(line.weight for line in matrix)
        if total != 100:
            raise ApplicationError(
                INVALID_WEIGHTS, MSG_WEIGHTS.format(total=total), fields={"weights": "≠ 100 %"}
            )
        ids = [m.pk for m in managers]
        if len(set(ids)) != len(ids):
            raise ApplicationError(
                INVALID_REPORTING_LINES, "A manager is named twice.", fields={"matrix": "Twice."}
            )
        below = set(
            Employee.objects.filter(
                id__in=all_report_ids_sql(manager_id=employee.pk, include_matrix=True)
            ).values_list("id", flat=True)
        )
        for candidate in managers:
            if candidate.pk == employee.pk or candidate.pk in below:
                raise ApplicationError(
                    REPORTING_CYCLE,
                    MSG_CYCLE.format(manager=candidate, employee=employee),
                    fields={"manager": "Would create a reporting cycle."},
                )
    moved = employee.manager_id != (manager.pk if manager is not None else None)
    employee.manager = manager
    employee.manager_weight = manager_weight if manager is not None else 100
    employee.updated_at = timezone.now()
    employee.save(update_fields=["manager", "manager_weight", "updated_at"])
    SecondaryManager.objects.filter(employee=employee).delete()
    SecondaryManager.objects.bulk_create(
        SecondaryManager(
            organization_id=employee.organization_id,
            employee=employee,
            manager=line.manager,
            weight=line.weight,
        )
        for line in matrix
    )
    event = (EmployeeRoleOrManagerChanged if moved else EmployeeChanged).of(employee)
    publish(actor_or_organization=actor, events=[event])
    return employee


def _check_left_on(employee: Employee) -> None:
    if employee.left_on is None:
        return
    message = (
        MSG_LEFT_ON_ACTIVE
        if employee.active
        else MSG_LEFT_ON_FUTURE
        if employee.left_on > timezone.localdate()
        else None
    )
    if message:
        raise ApplicationError(INVALID, message, fields={"left_on": message})


def _check_external_id_free(external_id: str, *, exclude: Employee | None) -> None:
    if not external_id:
        return
    taken = Employee.objects.filter(external_id=external_id)
    if exclude is not None:
        taken = taken.exclude(pk=exclude.pk)
    if taken.exists():
        raise ApplicationError(
            DUPLICATE_EXTERNAL_ID,
            f"Another employee has external id {external_id!r}.",
            fields={"external_id": "Already used by another employee."},
        )


def _clean_email(email: str) -> str:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ApplicationError(
            INVALID_EMAIL,
            f"{email!r} is not a valid e-mail address.",
            fields={"email": "Invalid."},
        ) from exc
    return email


# --- Invitations ------------------------------------------------------------------------------


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def invitation_send(*, actor: Actor, employee: Employee, role: str = "member") -> Invitation:
    """E-mail the employee a link to create their sign-in; an earlier open link stops working."""
    actor.require_admin()
    same_organization(actor, employee)
    if employee.user_id is not None:
        raise ApplicationError(ALREADY_JOINED, f"{employee} has already joined.")
    if role not in Membership.Role.values:
        raise ApplicationError(INVALID_ROLE, f"Unknown role {role!r}.", fields={"role": "?"})
    now = timezone.now()
    Invitation.objects.filter(employee=employee, accepted_at__isnull=True).update(expires_at=now)
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        employee=employee,
        email=employee.email,
        token_hash=_token_hash(token),
        role=role,
        invited_by=actor.user,
        expires_at=now + timedelta(days=settings.PLMS_INVITATION_DAYS),
    )
    link = settings.PLMS_BASE_URL + reverse(
        "accounts:accept_invitation", args=[actor.organization.slug, token]
    )
    context = {"employee": employee, "organization": actor.organization, "link": link}
    transaction.on_commit(
        lambda: send_mail(
            subject=f"Join {actor.organization.name} on PLMS",
            message=render_to_string("people/email/invitation.txt", context),
            from_email=None,
            recipient_list=[employee.email],
            html_message=render_to_string("people/email/invitation.html", context),
        )
    )
    return invitation


def invitation_get_open(*, token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("employee")
        .filter(
            token_hash=_token_hash(token), accepted_at__isnull=True, expires_at__gt=timezone.now()
        )
        .first()
    )


@transaction.atomic
def invitation_accept(*, token: str, password: str, full_name: str = ""):
    """Create (or reuse) the user for the invited e-mail, link the employee, add membership."""
    invitation = invitation_get_open(token=token)
    if invitation is None:
        raise ApplicationError(INVALID_INVITATION, "This invitation link is invalid or expired.")
    claimed = Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).update(
        accepted_at=timezone.now()
    )
    if claimed != 1:
        raise ApplicationError(INVALID_INVITATION, "This invitation has been used already.")
    User = get_user_model()
    user = User.objects.filter(email__iexact=invitation.email).first()
    if user is None:
        user = User.objects.create_user(
            email=invitation.email,
            password=password,
            full_name=full_name or invitation.employee.full_name,
        )
    employee = invitation.employee
    employee.user = user
    employee.save(update_fields=["user"])
    membership_set(organization=employee.organization, user=user, role=invitation.role)
    return user
