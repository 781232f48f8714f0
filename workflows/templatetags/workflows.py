"""Template tags of Momentum: the unread count of the notification bell."""

from __future__ import annotations

import logging

from django import template
from django.db import DatabaseError

from plms.tenancy.context import current_organization_id
from workflows import selectors

register = template.Library()
logger = logging.getLogger(__name__)


@register.simple_tag(takes_context=True)
def unread_notification_count(context) -> int:
    """The signed-in member's unread notifications in the active organization (0 outside one,
    and on error pages whose transaction is no longer usable)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or current_organization_id() is None:
        return 0
    try:
        return selectors.unread_notification_count(user=user)
    except DatabaseError:
        logger.debug("unread notification count unavailable", exc_info=True)
        return 0
