"""Writes of sign-in: withdrawing and restoring a person's access to one organization.

A deactivated employee (by an HR admin, an identity provider or an HRIS sync) means the person
has left: their membership of the organization becomes inactive (so no session of theirs acts
in it any more and, with no other active membership, sign-in is refused), every API key they
created for it is revoked and every session of theirs is ended (in any organization: they sign
in again). The membership keeps its role: a reactivation gives the sign-in back with the same
role. Revoked keys stay revoked; a new key is needed.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from plms.accounts.user_sessions import user_sessions_end_all
from plms.audit.services import audit_record
from plms.people.models import Employee
from plms.tenancy.actors import Actor
from plms.tenancy.models import ApiKey, Membership
from plms.tenancy.services import membership_set


def _in_actor_organization(actor: Actor, employee: Employee) -> bool:
    return employee.user_id is not None and employee.organization_id == actor.organization.pk


@transaction.atomic
def member_sign_in_revoke(*, actor: Actor, employee: Employee, reason: str) -> bool:
    """Deactivate `employee`'s membership and revoke their API keys in the actor's organization.

    Returns whether anything was withdrawn (an employee who never signed in, or one already
    withdrawn, has nothing).
    """
    actor.require_admin()
    if not _in_actor_organization(actor, employee):
        return False
    organization = actor.organization
    membership = (
        Membership.objects.select_for_update()
        .filter(organization=organization, user_id=employee.user_id, active=True)  # type: ignore[misc]
        .first()
    )
    if membership is not None:
        membership.active = False
        membership.save(update_fields=["active"])
    revoked_keys = ApiKey.objects.filter(
        organization=organization, created_by_id=employee.user_id, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    if membership is None and not revoked_keys:
        return False
    sessions_ended = user_sessions_end_all(user=employee.user)
    audit_record(
        actor=actor,
        action="member.sign_in_revoked",
        obj=employee,
        changes={
            "role": membership.role if membership is not None else None,
            "api_keys_revoked": revoked_keys,
            "sessions_ended": sessions_ended,
        },
        reason=reason,
    )
    return True


@transaction.atomic
def member_sign_in_restore(*, actor: Actor, employee: Employee, reason: str) -> bool:
    """Give a reactivated employee who had signed in their membership back, with its role.

    A person whose membership was removed altogether gets one back as a plain member.
    Returns whether anything was restored.
    """
    actor.require_admin()
    if not _in_actor_organization(actor, employee):
        return False
    organization = actor.organization
    membership = (
        Membership.objects.select_for_update()
        .filter(organization=organization, user_id=employee.user_id)  # type: ignore[misc]
        .first()
    )
    if membership is not None and membership.active:
        return False
    if membership is None:
        membership = membership_set(
            organization=organization, user=employee.user, role=Membership.Role.MEMBER
        )
    else:
        membership.active = True
        membership.save(update_fields=["active"])
    audit_record(
        actor=actor,
        action="member.sign_in_restored",
        obj=employee,
        changes={"role": membership.role},
        reason=reason,
    )
    return True


def member_sign_in_sync(*, actor: Actor, employee: Employee, was_active: bool, by: str) -> None:
    """Withdraw or restore `employee`'s sign-in after their `active` flag changed `by` someone
    (an HR admin, "SCIM", "HRIS sync")."""
    if was_active and not employee.active:
        member_sign_in_revoke(actor=actor, employee=employee, reason=f"Deactivated by {by}.")
    elif not was_active and employee.active:
        member_sign_in_restore(actor=actor, employee=employee, reason=f"Reactivated by {by}.")
