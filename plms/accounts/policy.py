"""An organization's sign-in policy: whether two-factor sign-in is required, and for whom."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from plms.accounts.error_codes import INVALID
from plms.accounts.models import SignInPolicy
from plms.audit.services import audit_record
from plms.common.errors import ApplicationError
from plms.tenancy.actors import Actor


@transaction.atomic
def sign_in_policy_set(*, actor: Actor, two_factor: str) -> SignInPolicy:
    """Require two-factor sign-in for nobody, the organization's HR admins or everyone.

    People it newly applies to set it up at their next sign-in.
    """
    actor.require_admin()
    if two_factor not in SignInPolicy.TwoFactor.values:
        raise ApplicationError(
            INVALID, "Unknown two-factor rule.", fields={"two_factor": "Unknown."}
        )
    policy = SignInPolicy.objects.select_for_update().first() or SignInPolicy()
    before = policy.two_factor if policy.pk else SignInPolicy.TwoFactor.OFF
    if policy.pk and before == two_factor:
        return policy
    policy.two_factor = two_factor
    policy.updated_at = timezone.now()
    policy.save()
    audit_record(
        actor=actor,
        action="sign_in_policy.updated",
        obj=policy,
        changes={"two_factor": {"before": before, "after": two_factor}},
    )
    return policy
