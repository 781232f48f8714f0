"""Momentum milestone kind of rate and reward: `compensation_proposal_reminder`.

The workflow's employee is a manager: when an open compensation review (the one named in
`config["review"]`, else the open review ending last) has eligible people below them without a
proposal, the manager is reminded, once per review and occasion. Nothing missing: skipped.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from plms.people import selectors as people_selectors
from reward import eligibility
from reward.models import CompensationProposal, CompensationReview
from workflows import notifications
from workflows.milestones import MilestoneKind, Outcome, register_kind
from workflows.models import MilestoneRun


def missing_proposals(*, review: CompensationReview, manager) -> int:
    """How many eligible people below `manager` (primary line) have no proposal yet (the
    review's eligibility, leave rule included: `reward.eligibility`)."""
    reports = eligibility.eligible(
        review=review, people=people_selectors.all_reports(manager=manager)
    )
    proposed = CompensationProposal.objects.filter(review=review).values("employee_id")
    return reports.exclude(pk__in=proposed).count()


def remind_manager(context) -> Outcome:
    config = context.milestone.config or {}
    reviews = CompensationReview.objects.filter(status=CompensationReview.Status.OPEN)
    if config.get("review"):
        reviews = reviews.filter(uuid=config["review"])
    review = reviews.order_by("-proposal_deadline", "-id").first()
    if review is None:
        return Outcome(MilestoneRun.State.SKIPPED, "No open compensation review.")
    missing = missing_proposals(review=review, manager=context.employee)
    user = context.employee.user if context.employee.user_id else None
    if not missing or user is None:
        return Outcome(MilestoneRun.State.SKIPPED, "Nothing left to propose.")
    notifications.notify(
        recipients=[user],
        event=notifications.WORKFLOW_MESSAGE,
        title=str(
            _("%(count)d people wait for your proposal in %(review)s")
            % {"count": missing, "review": review.name}
        ),
        body=context.milestone.message or "",
        link=reverse("reward:review_detail", kwargs={"id": review.uuid}),
        obj=review,
        occasion=context.step.occasion,
        now=context.now,
    )
    return Outcome(
        MilestoneRun.State.DONE,
        f"Reminded about {missing} proposals in {review.name}.",
        object_type="reward.compensationreview",
        object_id=str(review.uuid),
    )


def register() -> None:
    register_kind(
        MilestoneKind(
            "compensation_proposal_reminder",
            _("Remind a manager to propose pay"),
            _(
                "Remind the employee, a manager, when people below them in the open "
                "compensation review have no proposal yet."
            ),
            dispatch=remind_manager,
        )
    )
