"""Fixtures of Momentum: an actor per member, a tick that runs what it enqueues (in-process)."""

from __future__ import annotations

import datetime

import pytest

from plms.tenancy.actors import Actor, system_actor
from tests import factories
from tests.conftest import in_org
from tests.learning.conftest import world  # noqa: F401 (an organisation ready to plan)
from workflows import tasks

T0 = datetime.datetime(2027, 1, 4, 9, 0, tzinfo=datetime.UTC)  # a Monday, 09:00 UTC


def actor_for(member) -> Actor:
    return Actor(
        organization=member.organization, membership=member.membership, employee=member.employee
    )


def days(n: float) -> datetime.timedelta:
    return datetime.timedelta(days=n)


@pytest.fixture
def tick(django_capture_on_commit_callbacks):
    """Run the beat tick at `now`, and everything it enqueues, in-process."""

    def run(now: datetime.datetime) -> int:
        with django_capture_on_commit_callbacks(execute=True):
            return tasks.workflow_tick(now=now.isoformat())

    return run


@pytest.fixture
def boss(org_a, hr_admin):
    """The manager's manager is the HR director in the shared fixtures; this is another one."""
    return hr_admin


@pytest.fixture
def team(org_a, hr_admin, manager, employee):
    """HR director → manager → employee, plus a second report of the manager."""
    second = factories.member(
        org_a, email="second@a.example", title="Advisor", manager=manager.employee
    )
    return {"hr": hr_admin, "manager": manager, "employee": employee, "second": second}


@pytest.fixture
def system_a(org_a):
    with in_org(org_a):
        yield system_actor(org_a)
