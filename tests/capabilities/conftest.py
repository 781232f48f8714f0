import pytest

from capabilities.catalogue.loader import catalogue_load
from capabilities.services import library as library_services
from plms.tenancy.actors import Actor, system_actor
from tests.conftest import in_org


@pytest.fixture
def catalogue(db):
    """The shipped catalogue (loaded by a migration; loading again is a no-op)."""
    catalogue_load()


@pytest.fixture
def actor_a(org_a) -> Actor:
    return system_actor(org_a)


@pytest.fixture
def library(org_a, actor_a):
    """A small library in organization A: two categories, three complete capabilities."""
    with in_org(org_a):
        service = library_services.category_create(actor=actor_a, name="Customer")
        sales = library_services.category_create(actor=actor_a, name="Sales")
        created = {}
        for name, category in (
            ("Customer communication", service),
            ("Complaint resolution", service),
            ("Negotiation", sales),
        ):
            created[name] = library_services.capability_create(
                actor=actor_a,
                name=name,
                category=category,
                tags=["core"],
                levels=full_levels(name),
            )
    return created


def full_levels(name: str, count: int = 5) -> list[library_services.LevelInput]:
    return [
        library_services.LevelInput(
            n, f"{name} at level {n}.", [f"{name} {n} a.", f"{name} {n} b."]
        )
        for n in range(1, count + 1)
    ]
