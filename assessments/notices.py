"""What assessments tell people through Momentum's notifications, out of the box.

A submitted self-assessment tells the employee's managers at once — the people who rate next —
in the app and by e-mail as each of them chose, once per assessment (the notification's dedupe
key). A workflow that chases the managers itself can switch this off for the assessments it
launches: its `launch_assessment` milestone's setting `tell_manager_on_submit: false`.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from assessments.models import Assessment
from workflows import notifications
from workflows.selectors import default_notice_switched_off

SELF_ASSESSMENT_SUBMITTED = "assessment.self_submitted"
TELL_MANAGER_ON_SUBMIT = "tell_manager_on_submit"


def register() -> None:
    notifications.register_event(
        SELF_ASSESSMENT_SUBMITTED, _("A report of yours submitted their self-assessment")
    )


def self_assessment_submitted(*, assessment: Assessment) -> list:
    """Tell the managers who rate the employee in this cycle (else the primary manager) that
    the self-assessment is in; returns the notifications created (none the second time)."""
    if assessment.kind != Assessment.Kind.SELF:
        return []
    if default_notice_switched_off(
        object_type="assessments.assessment",
        object_id=str(assessment.uuid),
        switch=TELL_MANAGER_ON_SUBMIT,
    ):
        return []
    employee = assessment.employee
    rating = list(
        Assessment.objects.filter(
            cycle_id=assessment.cycle_id, employee=employee, kind=Assessment.Kind.MANAGER
        )
        .select_related("rater__user")
        .order_by("id")
    )
    rate_next = _("Their ratings are in: rate %(name)s now, with theirs beside yours.")
    targets = [
        (a.rater, reverse("assessments:assessment_form", args=[a.uuid]), rate_next) for a in rating
    ]
    if not targets and employee.manager is not None:
        targets = [
            (
                employee.manager,
                reverse("assessments:results", args=[employee.uuid]),
                _("Their ratings are in: see %(name)s's results."),
            )
        ]
    created = []
    for manager, link, body in targets:
        if manager.user_id is None:
            continue
        created += notifications.notify(
            recipients=[manager.user],
            event=SELF_ASSESSMENT_SUBMITTED,
            title=str(
                _("%(name)s submitted their self-assessment in %(cycle)s")
                % {"name": employee.full_name, "cycle": assessment.cycle.name}
            ),
            body=str(body % {"name": employee.first_name or employee.full_name}),
            link=link,
            obj=assessment,
            occasion="submitted",
        )
    return created
