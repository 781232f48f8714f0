def organization(request) -> dict:
    membership = getattr(request, "membership", None)
    return {
        "organization": getattr(request, "organization", None),
        "membership": membership,
        "is_hr_admin": bool(membership and membership.is_admin),
        "current_employee": getattr(request, "employee", None),
        # The organization switcher's choices: the active memberships the middleware read.
        "organization_choices": getattr(request, "memberships", []) if membership else [],
    }
