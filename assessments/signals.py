"""Receivers of the capability library's extension points (see capabilities.signals): ratings
and consolidated levels store levels of the scale and point at capabilities."""

from __future__ import annotations

from django.db.models import Case, IntegerField, Value, When

from assessments.models import ConsolidatedLevel, Rating
from assessments.results_cache import results_changed
from assessments.selectors.cycles import cycle_scope_employees, open_cycles
from assessments.services.cycles import assessments_create_for
from capabilities import signals as capability_signals


def ratings_using_scale(sender, *, counts: bool = True, **kwargs) -> int:
    """How many ratings hold a level of the scale (a scale change then needs a mapping); with
    `counts` False, 1 if any does (millions of ratings are not counted to say so)."""
    ratings = Rating.objects.filter(level__isnull=False)
    return ratings.count() if counts else int(ratings.exists())


ratings_using_scale.usage_label = "ratings"


def remap_rating_levels(sender, *, mapping: dict[int, int], **kwargs) -> None:
    """Move stored rating levels and targets to the new scale in one update each."""
    changed = {old: new for old, new in mapping.items() if old != new}
    if not changed:
        return
    whens = [When(level=old, then=Value(new)) for old, new in changed.items()]
    Rating.objects.filter(level__in=list(changed)).update(
        level=Case(*whens, output_field=IntegerField())
    )
    targets = [When(target_level=old, then=Value(new)) for old, new in changed.items()]
    ConsolidatedLevel.objects.filter(target_level__in=list(changed)).update(
        target_level=Case(*targets, output_field=IntegerField())
    )
    results_changed()


def move_merged_capability(sender, *, keep, duplicate, **kwargs) -> None:
    """Ratings of a merged duplicate move to the kept capability, unless the same assessment
    rated both (then the rating of the kept one stands)."""
    both = Rating.objects.filter(capability=keep).values("assessment_id")
    Rating.objects.filter(capability=duplicate).exclude(assessment_id__in=both).update(
        capability=keep
    )
    Rating.objects.filter(capability=duplicate).delete()
    taken = ConsolidatedLevel.objects.filter(capability=keep).values("employee_id")
    ConsolidatedLevel.objects.filter(capability=duplicate).exclude(employee_id__in=taken).update(
        capability=keep
    )
    ConsolidatedLevel.objects.filter(capability=duplicate).delete()
    results_changed()


def pick_up_new_role_holder(sender, *, employee, role, **kwargs) -> None:
    """A person who takes up a role joins every launched, open cycle whose scope now includes
    them (their self and manager assessments are created, as a launch would have)."""
    if role is None:
        return
    for cycle in open_cycles().filter(launched_at__isnull=False):
        if cycle_scope_employees(cycle).filter(pk=employee.pk).exists():
            assessments_create_for(cycle=cycle, employee_ids=[employee.pk])


def connect() -> None:
    capability_signals.scale_in_use.connect(
        ratings_using_scale, dispatch_uid="assessments.ratings_in_use"
    )
    capability_signals.scale_levels_remapped.connect(
        remap_rating_levels, dispatch_uid="assessments.remap_levels"
    )
    capability_signals.capability_merged.connect(
        move_merged_capability, dispatch_uid="assessments.capability_merged"
    )
    capability_signals.job_role_assigned.connect(
        pick_up_new_role_holder, dispatch_uid="assessments.pick_up_new_role_holder"
    )
