"""Template tags of Momentum: the unread count of the notification bell; milestone names with
their placeholders in words where no one person is meant."""

from __future__ import annotations

import logging
from datetime import date

from django import template
from django.db import DatabaseError
from django.utils.translation import gettext_lazy as _

from plms.tenancy.context import current_organization_id
from workflows import milestones as registry
from workflows import triggers
from workflows.unread import unread_count

register = template.Library()
logger = logging.getLogger(__name__)


@register.simple_tag(takes_context=True)
def unread_notification_count(context) -> int:
    """The signed-in member's unread notifications in the active organization (0 outside one,
    and on error pages whose transaction is no longer usable), from the cache
    (`workflows.unread`)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or current_organization_id() is None:
        return 0
    try:
        return unread_count(user=user)
    except DatabaseError:
        logger.debug("unread notification count unavailable", exc_info=True)
        return 0


# A milestone's name may name the person it runs for ("{employee}'s goal is red"); a template's
# pages describe every run at once, so they say whom in words.
PLACEHOLDERS_IN_WORDS = {
    "{employee}": _("the employee"),
    "{manager}": _("their manager"),
    "{workflow}": _("this workflow"),
    "{deadline}": _("the deadline"),
    "{milestone}": _("this step"),
}


@register.filter
def in_general(text: str) -> str:
    """`text` with each placeholder said in words; the first letter capitalised."""
    text = str(text)
    for placeholder, words in PLACEHOLDERS_IN_WORDS.items():
        text = text.replace(placeholder, str(words))
    return text[:1].upper() + text[1:]


@register.filter
def about(text: str, employee) -> str:
    """`text` filled in for `employee` (their name and their manager's), the rest in words."""
    text = str(text).replace("{employee}", employee.full_name)
    manager = getattr(employee, "manager", None)
    if manager is not None:
        text = text.replace("{manager}", manager.full_name)
    return in_general(text)


@register.filter
def kind_label(name: str) -> str:
    """What a step of kind `name` does, in words ("Send a message")."""
    kind = registry.kind_get(str(name))
    return str(kind.label) if kind is not None else _("Another step")


@register.filter
def event_label(name: str) -> str:
    """The event a template waits for, in words ("A goal turns red")."""
    source = triggers.EVENT_SOURCES.get(str(name))
    return str(source.label) if source is not None else _("Something happens")


@register.filter
def occasion_day(occasion: str):
    """The day of an occasion that names one ("review-before:2027-01-14"), else None."""
    _prefix, _sep, rest = str(occasion).partition(":")
    try:
        return date.fromisoformat(rest) if rest else None
    except ValueError:
        return None


WEEKDAYS = {
    "MO": _("Monday"),
    "TU": _("Tuesday"),
    "WE": _("Wednesday"),
    "TH": _("Thursday"),
    "FR": _("Friday"),
    "SA": _("Saturday"),
    "SU": _("Sunday"),
}
UNITS = {
    "DAILY": (_("every day"), _("every %(n)d days")),
    "WEEKLY": (_("every week"), _("every %(n)d weeks")),
    "MONTHLY": (_("every month"), _("every %(n)d months")),
    "YEARLY": (_("every year"), _("every %(n)d years")),
}


@register.filter
def recurrence_words(rule: str) -> str:
    """A recurrence rule in words ("every Monday", "every 3 months"), or "" for a rule this
    does not say in words (the page then shows the rule itself)."""
    parts = dict(p.split("=", 1) for p in str(rule).upper().split(";") if "=" in p)
    unit = UNITS.get(parts.pop("FREQ", ""))
    try:
        interval = int(parts.pop("INTERVAL", "1"))
    except ValueError:
        return ""
    days = [WEEKDAYS.get(day) for day in parts.pop("BYDAY", "").split(",") if day]
    if unit is None or parts or interval < 1 or None in days:
        return ""
    if days and interval == 1 and unit is UNITS["WEEKLY"]:
        names = [str(day) for day in days]
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + _(" and ") + names[-1]
        return str(_("every %(days)s") % {"days": listed})
    if days:
        return ""
    return str(unit[0]) if interval == 1 else str(unit[1] % {"n": interval})
