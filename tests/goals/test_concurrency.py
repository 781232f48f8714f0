"""Two writers with the same version: exactly one wins, the other gets a conflict (409)."""

import threading

import pytest
from django.db import connection

from goals import services
from goals.models import Goal
from plms.common.errors import ApplicationError
from plms.tenancy.context import organization_scope
from tests.conftest import in_org
from tests.goals.conftest import actor_for

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_writers_with_the_same_version_one_succeeds(org_a, cast, goal):
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def write(name, member):
        try:
            with organization_scope(org_a):
                current = Goal.objects.get(pk=goal.pk)
                barrier.wait(timeout=10)  # both hold version 1 before either writes
                services.goal_update(
                    actor=actor_for(member), goal=current, version=1, title=f"Raise FCR ({name})"
                )
            outcomes[name] = "ok"
        except ApplicationError as exc:
            outcomes[name] = (exc.code, exc.status, exc.extra["current"]["version"])
        finally:
            connection.close()

    threads = [
        threading.Thread(target=write, args=("owner", cast.owner)),
        threading.Thread(target=write, args=("manager", cast.manager)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(map(str, outcomes.values())) == ["('conflict', 409, 2)", "ok"]
    winner = next(name for name, outcome in outcomes.items() if outcome == "ok")
    with in_org(org_a):
        saved = Goal.objects.get(pk=goal.pk)
    assert (saved.version, saved.title) == (2, f"Raise FCR ({winner})")


def test_a_conditional_update_refuses_a_stale_version_without_the_lock(org_a, cast, goal):
    """The compare-and-swap alone also stops a writer that skipped the row lock."""
    with in_org(org_a):
        Goal.objects.filter(pk=goal.pk).update(version=2)
        stale = Goal.objects.get(pk=goal.pk)
        stale.title = "Sneaky"
        with pytest.raises(ApplicationError) as caught:
            services._save_versioned(stale, 1, ["title"])
        assert caught.value.status == 409
        assert Goal.objects.get(pk=goal.pk).title == goal.title
