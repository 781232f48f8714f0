"""The organisation the journeys start from, built through the same services the pages call:
Northwind, with an HR admin, a manager and her report, and (when a journey needs them) a
capability library, a job role, learning content and an assessment cycle.

The journeys then act in the browser; these helpers only bring the organisation to the point
where a journey begins.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils import timezone

from assessments.models import Assessment, AssessmentCycle
from assessments.services import cycles as cycle_services
from assessments.services import ratings as rating_services
from capabilities import selectors as capability_selectors
from capabilities.catalogue.loader import catalogue_load
from capabilities.models import Capability, JobRole
from capabilities.services import frameworks as framework_services
from capabilities.services import library as library_services
from capabilities.services import roles as role_services
from capabilities.services import scales as scale_services
from learning.imports import learning_items_import
from plms.people.models import Employee
from plms.tenancy.actors import Actor
from plms.tenancy.context import organization_scope
from plms.tenancy.models import Membership, Organization
from tests.workflows.realworld import wait_for

PASSWORD = "journey-pass-1"
# Catalogue capabilities of the role the journeys use (keys of the shipped catalogue).
CAPABILITIES = ("customer-communication", "complaint-resolution", "active-listening")
TARGET = 3


@dataclass
class Person:
    email: str
    employee: Employee
    actor: Actor


@dataclass
class Northwind:
    organization: Organization
    hr: Person
    manager: Person
    employee: Person

    def scope(self):
        return organization_scope(self.organization)


def _person(organization, *, email, first, last, title, role="member", manager=None) -> Person:
    user = get_user_model().objects.create_user(
        email=email, password=PASSWORD, full_name=f"{first} {last}"
    )
    membership = Membership.objects.create(organization=organization, user=user, role=role)
    employee = Employee.objects.create(
        organization=organization,
        email=email,
        first_name=first,
        last_name=last,
        title=title,
        user=user,
        manager=manager,
        start_date=datetime.date(2022, 3, 1),
    )
    actor = Actor(organization=organization, membership=membership, employee=employee)
    return Person(email=email, employee=employee, actor=actor)


def northwind() -> Northwind:
    """The organisation and its three people (no library yet)."""
    organization = Organization.objects.create(
        slug="northwind", name="Northwind", time_zone="Europe/London"
    )
    with organization_scope(organization):
        hr = _person(
            organization,
            email="hana@northwind.example",
            first="Hana",
            last="Haddad",
            title="HR Director",
            role="admin",
        )
        manager = _person(
            organization,
            email="maya@northwind.example",
            first="Maya",
            last="Patel",
            title="Support Team Lead",
            manager=hr.employee,
        )
        employee = _person(
            organization,
            email="eli@northwind.example",
            first="Eli",
            last="Novak",
            title="Support Advisor",
            manager=manager.employee,
        )
    return Northwind(organization, hr, manager, employee)


def library(org: Northwind) -> JobRole:
    """Adopted capabilities, a published framework and the "Support Advisor" role (target 3 in
    each), held by the employee; plus learning content for every level of each capability."""
    catalogue_load()
    with org.scope():
        scale_services.scale_ensure()
        sources = capability_selectors.catalogue_capability_list().filter(key__in=CAPABILITIES)
        library_services.capability_adopt(actor=org.hr.actor, sources=sources)
        framework_services.framework_publish(actor=org.hr.actor, note="Northwind library")
        capabilities = list(Capability.objects.filter(source_key__in=CAPABILITIES))
        role = role_services.job_role_create(
            actor=org.hr.actor,
            name="Support Advisor",
            family="Support",
            grade="S1",
            description="Answers customers first time.",
            requirements=[role_services.RequirementInput(c, TARGET, 2, True) for c in capabilities],
            key_results=[
                role_services.KeyResultInput("Issues resolved first time", "%", 80),
                role_services.KeyResultInput("Customers satisfied", "CSAT %", 90),
                role_services.KeyResultInput("Quality reviews passed", "%", 95),
            ],
        )
        role_services.role_assign(actor=org.hr.actor, employee=org.employee.employee, role=role)
        items = [
            {
                "external_id": f"nw-{c.key}-{suffix}",
                "title": title.format(name=c.name),
                "kind": kind,
                "provider": "Northwind Academy",
                "duration_hours": hours,
                "cost": 0,
                "language": "en",
                "tags": [],
                "completion_outcome": "evidence",
                "capabilities": [{"capability": c.key, "level_from": low, "level_to": high}],
            }
            for c in capabilities
            for suffix, kind, title, hours, (low, high) in (
                ("practice", "on_the_job", "Practise {name} on live work", 8, (1, 4)),
                ("course", "e_learning", "{name}: the essentials", 2, (1, 3)),
            )
        ]
        learning_items_import(actor=org.hr.actor, text=json.dumps(items), format="json")
    return role


def launched_cycle(org: Northwind) -> AssessmentCycle:
    """An open cycle of everyone with a role (self 40 %, manager 60 %), launched by the worker."""
    today = timezone.localdate()
    with org.scope():
        cycle = cycle_services.cycle_create(
            actor=org.hr.actor,
            name="Spring competency review",
            period_start=today - datetime.timedelta(days=30),
            period_end=today + datetime.timedelta(days=60),
            weight_self=40,
            weight_manager=60,
            weight_peer=0,
            weight_expert=0,
            deadline_self=today + datetime.timedelta(days=14),
            deadline_manager=today + datetime.timedelta(days=28),
        )
        cycle = cycle_services.cycle_launch(actor=org.hr.actor, cycle=cycle)
    # The launch runs in the Celery worker once the transaction has committed.
    wait_for(lambda: _launched(org, cycle.pk), timeout=60, message="the worker launched the cycle")
    with org.scope():
        cycle.refresh_from_db()
    return cycle


def _launched(org: Northwind, cycle_id: int) -> bool:
    with org.scope():
        return AssessmentCycle.objects.filter(
            pk=cycle_id, launch_state=AssessmentCycle.LaunchState.DONE
        ).exists()


def assessment(org: Northwind, cycle: AssessmentCycle, kind: str) -> Assessment:
    rater = org.employee if kind == "self" else org.manager
    with org.scope():
        return Assessment.objects.select_related("employee", "rater", "cycle").get(
            cycle=cycle, employee=org.employee.employee, rater=rater.employee, kind=kind
        )


def rate_and_submit(org: Northwind, cycle: AssessmentCycle, kind: str, level: int) -> Assessment:
    """Rate every required capability at `level` and submit, as the rater would."""
    rater = org.employee if kind == "self" else org.manager
    target = assessment(org, cycle, kind)
    with org.scope():
        items = [
            rating_services.RatingInput(c, level, "Seen on the queue every week.")
            for c in Capability.objects.filter(source_key__in=CAPABILITIES)
        ]
        rating_services.ratings_save(actor=rater.actor, assessment=target, items=items)
        return rating_services.assessment_submit(actor=rater.actor, assessment=target)
