"""Receivers of the capability library's extension points (see capabilities.signals): goals
and goal templates name the capabilities they exercise."""

from __future__ import annotations

from capabilities import signals as capability_signals
from goals.models import GoalCapability, GoalTemplateCapability


def move_merged_capability(sender, *, keep, duplicate, **kwargs) -> None:
    """Goals and templates naming a merged duplicate name the kept capability instead (once,
    when they named both)."""
    for model, owner in ((GoalCapability, "goal_id"), (GoalTemplateCapability, "template_id")):
        both = model.objects.filter(capability=keep).values(owner)
        model.objects.filter(capability=duplicate).exclude(**{f"{owner}__in": both}).update(
            capability=keep
        )
        model.objects.filter(capability=duplicate).delete()


def connect() -> None:
    capability_signals.capability_merged.connect(
        move_merged_capability, dispatch_uid="goals.capability_merged"
    )
