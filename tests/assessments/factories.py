"""Factories of assessments; related objects stay in one organization."""

from __future__ import annotations

import datetime

import factory
from django.contrib.auth.models import Group, Permission

from assessments.models import (
    Assessment,
    AssessmentCycle,
    AssessmentGroupObjectPermission,
    AssessmentUserObjectPermission,
    AttestedRating,
    ConsolidatedLevel,
    ExpertGrant,
    PeerNomination,
    PreviewLevel,
    PreviewVote,
    Rating,
    ReviewAnswer,
    ReviewTemplate,
    ReviewTemplateVersion,
)
from tests.capabilities.factories import CapabilityFactory
from tests.factories import EmployeeFactory, TenantFactory, UserFactory, tenant_factory

SAME_ORG = factory.SelfAttribute("..organization")


@tenant_factory
class AssessmentCycleFactory(TenantFactory):
    class Meta:
        model = AssessmentCycle

    name = factory.Sequence(lambda n: f"Cycle {n}")
    period_start = datetime.date(2027, 1, 1)
    period_end = datetime.date(2027, 3, 31)
    weight_self = 20
    weight_manager = 50
    weight_peer = 20
    weight_expert = 10


@tenant_factory
class AssessmentFactory(TenantFactory):
    class Meta:
        model = Assessment

    cycle = factory.SubFactory(AssessmentCycleFactory, organization=SAME_ORG)
    employee = factory.SubFactory(EmployeeFactory, organization=SAME_ORG)
    rater = factory.SelfAttribute("employee")
    kind = Assessment.Kind.SELF


@tenant_factory
class PeerNominationFactory(AssessmentFactory):
    """A peer nominated for the employee, awaiting the manager."""

    class Meta:
        model = PeerNomination

    rater = factory.SubFactory(EmployeeFactory, organization=SAME_ORG)
    kind = Assessment.Kind.PEER
    status = Assessment.Status.NOMINATED


@tenant_factory
class ExpertGrantFactory(AssessmentFactory):
    """An expert's assessment of the employee (the object permission is the service's)."""

    class Meta:
        model = ExpertGrant

    rater = factory.SubFactory(EmployeeFactory, organization=SAME_ORG)
    kind = Assessment.Kind.EXPERT


@tenant_factory
class RatingFactory(TenantFactory):
    class Meta:
        model = Rating

    assessment = factory.SubFactory(AssessmentFactory, organization=SAME_ORG)
    capability = factory.SubFactory(CapabilityFactory, organization=SAME_ORG)
    level = 3


@tenant_factory
class ConsolidatedLevelFactory(TenantFactory):
    class Meta:
        model = ConsolidatedLevel

    cycle = factory.SubFactory(AssessmentCycleFactory, organization=SAME_ORG)
    employee = factory.SubFactory(EmployeeFactory, organization=SAME_ORG)
    capability = factory.SubFactory(CapabilityFactory, organization=SAME_ORG)
    level = 3
    target_level = 3


@tenant_factory
class PreviewLevelFactory(ConsolidatedLevelFactory):
    """A consolidated level of a closed cycle with the ratings preview on."""

    class Meta:
        model = PreviewLevel

    cycle = factory.SubFactory(
        AssessmentCycleFactory, organization=SAME_ORG, status="closed", preview_voting=True
    )


@tenant_factory
class PreviewVoteFactory(TenantFactory):
    class Meta:
        model = PreviewVote

    consolidated = factory.SubFactory(ConsolidatedLevelFactory, organization=SAME_ORG)
    voter = factory.SubFactory(UserFactory)
    vote = PreviewVote.Choice.AGREE


@tenant_factory
class AttestedRatingFactory(TenantFactory):
    class Meta:
        model = AttestedRating

    employee = factory.SubFactory(EmployeeFactory, organization=SAME_ORG)
    capability = factory.SubFactory(CapabilityFactory, organization=SAME_ORG)
    level = 4
    attested_at = datetime.datetime(2027, 2, 1, 9, 0, tzinfo=datetime.UTC)
    source = "Passed an exam"
    source_key = factory.Sequence(lambda n: f"exam-{n}")


def _rate_permission():
    return Permission.objects.get(content_type__app_label="assessments", codename="rate_assessment")


@tenant_factory
class AssessmentUserObjectPermissionFactory(TenantFactory):
    class Meta:
        model = AssessmentUserObjectPermission

    content_object = factory.SubFactory(AssessmentFactory, organization=SAME_ORG)
    user = factory.SubFactory(UserFactory)
    permission = factory.LazyFunction(_rate_permission)


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Group {n}")


@tenant_factory
class AssessmentGroupObjectPermissionFactory(TenantFactory):
    class Meta:
        model = AssessmentGroupObjectPermission

    content_object = factory.SubFactory(AssessmentFactory, organization=SAME_ORG)
    group = factory.SubFactory(GroupFactory)
    permission = factory.LazyFunction(_rate_permission)


TEMPLATE_SECTIONS = [
    {
        "key": "s-caps",
        "kind": "capabilities",
        "title": "Capability ratings",
        "help_text": "",
        "rater_kinds": ["self", "manager", "peer", "expert"],
        "required": True,
        "questions": [],
    },
    {
        "key": "s-open",
        "kind": "open",
        "title": "Looking back",
        "help_text": "",
        "rater_kinds": ["self", "manager", "peer"],
        "required": False,
        "questions": [{"key": "q-keep", "text": "What should they keep doing?", "help_text": ""}],
    },
]


@tenant_factory
class ReviewTemplateFactory(TenantFactory):
    class Meta:
        model = ReviewTemplate

    name = factory.Sequence(lambda n: f"Review template {n}")
    sections = factory.LazyFunction(lambda: [dict(s) for s in TEMPLATE_SECTIONS])


@tenant_factory
class ReviewTemplateVersionFactory(TenantFactory):
    class Meta:
        model = ReviewTemplateVersion

    template = factory.SubFactory(ReviewTemplateFactory, organization=SAME_ORG)
    number = factory.Sequence(lambda n: n + 1)
    name = factory.SelfAttribute("template.name")
    sections = factory.SelfAttribute("template.sections")


@tenant_factory
class ReviewAnswerFactory(TenantFactory):
    class Meta:
        model = ReviewAnswer

    assessment = factory.SubFactory(AssessmentFactory, organization=SAME_ORG)
    question_key = "q-keep"
    text = "Listening to customers"
