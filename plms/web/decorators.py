"""Page access: signed in, acting in an organization, optionally as an HR admin.

Pages render in the viewer's time zone: their own when they chose one, else their
organization's (`User.time_zone` defaults to UTC, which therefore counts as "not chosen").
"""

from __future__ import annotations

import functools
import zoneinfo

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

DEFAULT_ZONE = "UTC"


def viewer_zone(request) -> zoneinfo.ZoneInfo:
    """The time zone dates and times are shown in for this request."""
    names = [getattr(request.user, "time_zone", "") or DEFAULT_ZONE]
    if names[0] == DEFAULT_ZONE and request.organization is not None:
        names.insert(0, request.organization.time_zone or DEFAULT_ZONE)
    for name in names:
        try:
            return zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            continue
    return zoneinfo.ZoneInfo(DEFAULT_ZONE)


def member_required(view=None, *, admin: bool = False):
    def decorate(func):
        @functools.wraps(func)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if request.membership is None:
                return render(request, "web/no_organization.html", status=403)
            if admin and not request.membership.is_admin:
                raise PermissionDenied
            with timezone.override(viewer_zone(request)):
                return func(request, *args, **kwargs)

        return wrapper

    return decorate(view) if view is not None else decorate
