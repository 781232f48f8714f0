"""The benchmark organisation's succession and careers: critical roles with successors (some
with nobody), aspirations and potential, and the succession dashboard over them."""

from __future__ import annotations

import pytest

from plms.tenancy.actors import system_actor
from plms.tenancy.models import Organization
from talent import selectors
from talent.models import Aspiration, CriticalRole, PotentialAssessment, Successor
from tests.bench.test_generate_org import generate
from tests.conftest import in_org


@pytest.mark.django_db
def test_critical_roles_successors_aspirations_and_potential(client):
    generate("talent-bench", "--no-neighbour")
    organization = Organization.objects.get(slug="talent-bench")
    with in_org(organization):
        assert CriticalRole.objects.exists()
        assert set(Successor.objects.values_list("readiness", flat=True)) <= set(
            Successor.Readiness.values
        )
        assert Successor.objects.exists() and Aspiration.objects.exists()
        assert PotentialAssessment.objects.exists()
        assert Aspiration.objects.filter(rank__gt=3).count() == 0
        roles = selectors.critical_roles_for_viewer(actor=system_actor(organization))
        summary = selectors.succession_summary(roles=roles)
        assert summary.roles == CriticalRole.objects.count()
