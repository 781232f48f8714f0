from django.utils.functional import SimpleLazyObject

from plms.tenancy.selectors import memberships_for_user


def organization(request) -> dict:
    membership = getattr(request, "membership", None)
    return {
        "organization": getattr(request, "organization", None),
        "membership": membership,
        "is_hr_admin": bool(membership and membership.is_admin),
        "current_employee": getattr(request, "employee", None),
        # The organization switcher's choices: active memberships only, read when rendered.
        "organization_choices": SimpleLazyObject(
            lambda: list(memberships_for_user(user=request.user)) if membership else []
        ),
    }
