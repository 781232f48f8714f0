"""Momentum's domain events: a milestone falls due."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from plms.events.bus import DomainEvent


class MilestoneDue(DomainEvent):
    name = "milestone_due"
    label = _("A Momentum milestone fell due.")
    webhook_type = "workflow.milestone_due"
