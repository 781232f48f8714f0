import pytest

from capabilities import selectors
from capabilities.models import (
    Capability,
    CapabilityLevel,
    CatalogueCapability,
    RoleAssignment,
    RoleRequirement,
    ScaleLevel,
)
from capabilities.services import frameworks as framework_services
from capabilities.services import library as library_services
from capabilities.services import roles as role_services
from capabilities.services import scales as scale_services
from capabilities.signals import scale_in_use, scale_levels_remapped
from plms.audit.models import AuditEvent
from plms.audit.selectors import audit_events_for
from plms.common.errors import ApplicationError, NotFound, PermissionDenied
from plms.tenancy.actors import Actor
from tests.capabilities.conftest import full_levels
from tests.capabilities.factories import CapabilityFactory, JobRoleFactory
from tests.conftest import in_org
from tests.factories import EmployeeFactory

SEVEN = [scale_services.ScaleLevelInput(n, f"L{n}") for n in range(1, 8)]


def test_the_default_scale_is_created_on_first_use(org_a):
    with in_org(org_a):
        scale = scale_services.scale_ensure()
        assert scale_services.scale_ensure() == scale
        levels = list(ScaleLevel.objects.filter(scale=scale).values_list("number", "name"))
    assert levels == [
        (1, "Foundational"),
        (2, "Developing"),
        (3, "Proficient"),
        (4, "Advanced"),
        (5, "Expert"),
    ]
    assert scale.proficient_level == 3


def test_an_unused_scale_may_change_its_levels(org_a, actor_a):
    with in_org(org_a):
        scale = scale_services.scale_ensure()
        scale_services.scale_update(actor=actor_a, scale=scale, levels=SEVEN, proficient_level=4)
        assert scale_services.scale_numbers() == [1, 2, 3, 4, 5, 6, 7]
        event = AuditEvent.objects.get(action="competency_scale.changed")
    assert len(event.changes["levels"]["after"]) == 7


@pytest.mark.parametrize("count", [2, 8])
def test_a_scale_has_three_to_seven_levels(org_a, actor_a, count):
    levels = [scale_services.ScaleLevelInput(n, f"L{n}") for n in range(1, count + 1)]
    with in_org(org_a), pytest.raises(ApplicationError) as error:
        scale_services.scale_update(
            actor=actor_a, scale=scale_services.scale_ensure(), levels=levels
        )
    assert error.value.code == "invalid_scale"


def test_changing_a_scale_in_use_is_refused_without_a_mapping(org_a, actor_a, library):
    three = [
        scale_services.ScaleLevelInput(n, name)
        for n, name in enumerate(["Basic", "Good", "Top"], 1)
    ]
    with in_org(org_a):
        role = role_services.job_role_create(actor=actor_a, name="Advisor")
        role_services.requirement_set(
            actor=actor_a, role=role, capability=library["Negotiation"], target_level=5
        )
        scale = scale_services.scale_ensure()
        with pytest.raises(ApplicationError) as error:
            scale_services.scale_update(
                actor=actor_a, scale=scale, levels=three, proficient_level=2
            )
        assert error.value.code == "scale_in_use"
        assert "1 role requirements" in error.value.message
        assert scale_services.scale_numbers() == [1, 2, 3, 4, 5]
        with pytest.raises(ApplicationError) as error:
            scale_services.scale_update(
                actor=actor_a, scale=scale, levels=three, proficient_level=2, mapping={1: 1}
            )
        assert error.value.code == "invalid_mapping"

        # Renaming levels keeps their meaning: allowed without a mapping.
        renamed = [scale_services.ScaleLevelInput(n, f"Stage {n}") for n in range(1, 6)]
        scale_services.scale_update(actor=actor_a, scale=scale, levels=renamed)

        scale_services.scale_update(
            actor=actor_a,
            scale=scale,
            levels=three,
            proficient_level=2,
            mapping={1: 1, 2: 1, 3: 2, 4: 3, 5: 3},
        )
        assert RoleRequirement.objects.get().target_level == 3
        levels = dict(
            CapabilityLevel.objects.filter(capability=library["Negotiation"]).values_list(
                "level", "descriptor"
            )
        )
        assert levels == {
            1: "Negotiation at level 1.",
            2: "Negotiation at level 3.",
            3: "Negotiation at level 4.",
        }
        history = list(
            AuditEvent.objects.filter(action="competency_scale.changed").values_list(
                "changes", flat=True
            )
        )
    assert len(history) == 2
    assert history[0]["mapping"]["after"] == {"1": 1, "2": 1, "3": 2, "4": 3, "5": 3}


def test_ratings_reported_by_other_apps_guard_the_scale_and_are_remapped(org_a, actor_a):
    received = {}

    def ratings(sender, **kwargs):
        return 12

    def remap(sender, mapping, **kwargs):
        received.update(mapping)

    scale_in_use.connect(ratings, weak=False)
    scale_levels_remapped.connect(remap, weak=False)
    try:
        with in_org(org_a):
            scale = scale_services.scale_ensure()
            with pytest.raises(ApplicationError, match="12 ratings"):
                scale_services.scale_update(actor=actor_a, scale=scale, levels=SEVEN)
            mapping = {1: 1, 2: 2, 3: 4, 4: 6, 5: 7}
            scale_services.scale_update(actor=actor_a, scale=scale, levels=SEVEN, mapping=mapping)
    finally:
        scale_in_use.disconnect(ratings)
        scale_levels_remapped.disconnect(remap)
    assert received == {1: 1, 2: 2, 3: 4, 4: 6, 5: 7}


def test_capability_create_checks_levels_against_the_scale(org_a, actor_a, library):
    category = library["Negotiation"].category
    with in_org(org_a):
        with pytest.raises(ApplicationError) as error:
            library_services.capability_create(
                actor=actor_a, name="Pricing", category=category, levels=full_levels("P", 6)
            )
        assert error.value.code == "level_outside_scale"
        with pytest.raises(ApplicationError) as error:
            library_services.capability_create(
                actor=actor_a, name="Pricing", category=category, levels=full_levels("P", 4)
            )
        assert error.value.code == "missing_descriptor"
        assert "levels.5" in error.value.fields
        draft = library_services.capability_create(
            actor=actor_a, name="Pricing", category=category, status="draft"
        )
        assert draft.key == "pricing"
        with pytest.raises(ApplicationError) as error:
            library_services.capability_create(actor=actor_a, name="pricing", category=category)
        assert error.value.code == "duplicate_name"


def test_capability_changes_are_audited_with_before_and_after(org_a, actor_a, library):
    capability = library["Negotiation"]
    levels = full_levels("Negotiation")
    levels[2] = library_services.LevelInput(3, "Closes standard deals alone.", ["Closes deals."])
    with in_org(org_a):
        library_services.capability_update(
            actor=actor_a, capability=capability, description="Agrees terms.", levels=levels
        )
        library_services.capability_retire(actor=actor_a, capability=capability)
        events = list(audit_events_for(obj=capability))
    assert [e.action for e in events] == [
        "capability.retired",
        "capability.updated",
        "capability.created",
    ]
    changes = events[1].changes
    assert changes["description"] == {"before": "", "after": "Agrees terms."}
    assert changes["levels"]["after"]["3"]["descriptor"] == "Closes standard deals alone."
    assert changes["levels"]["before"]["3"]["descriptor"] == "Negotiation at level 3."


def test_members_may_not_write(org_a, library, employee):
    actor = Actor(organization=org_a, membership=employee.membership)
    with in_org(org_a), pytest.raises(PermissionDenied):
        library_services.capability_update(actor=actor, capability=library["Negotiation"], name="X")


def test_objects_of_another_organization_are_not_found(org_a, org_b, actor_a):
    foreign = CapabilityFactory(organization=org_b)
    role = JobRoleFactory(organization=org_a)
    with in_org(org_a), pytest.raises(NotFound):
        role_services.requirement_set(actor=actor_a, role=role, capability=foreign, target_level=3)


def test_adopting_copies_the_catalogue_and_keeps_the_link(org_a, actor_a, catalogue):
    sources = list(
        CatalogueCapability.objects.filter(key__in=["customer-communication", "presenting"])
    )
    with in_org(org_a):
        result = library_services.capability_adopt(actor=actor_a, sources=sources)
        again = library_services.capability_adopt(actor=actor_a, sources=sources)
        adopted = Capability.objects.get(source_key="customer-communication")
        levels = list(adopted.levels.order_by("level"))
        categories = sorted(c.category.name for c in result.adopted)
    assert len(result.adopted) == 2 and len(again.adopted) == 0
    assert [reason for _, reason in again.skipped] == ["adopted already"] * 2
    assert categories == ["Communication", "Customer"]
    source = CatalogueCapability.objects.get(key="customer-communication")
    assert adopted.source_revision == source.revision
    assert [lv.descriptor for lv in levels] == [
        lv.descriptor for lv in source.levels.order_by("level")
    ]


def test_catalogue_updates_are_offered_and_applied_only_on_request(org_a, actor_a, catalogue):
    source = CatalogueCapability.objects.get(key="complaint-resolution")
    with in_org(org_a):
        library_services.capability_adopt(actor=actor_a, sources=[source])
        assert selectors.catalogue_updates() == []
    source.revision += 1
    source.description = "A newer description."
    source.save()
    with in_org(org_a):
        updates = selectors.catalogue_updates()
        assert [c.source_key for c, _ in updates] == ["complaint-resolution"]
        capability = updates[0][0]
        assert Capability.objects.get(pk=capability.pk).description != "A newer description."
        library_services.capability_apply_catalogue_update(actor=actor_a, capability=capability)
        capability.refresh_from_db()
        assert capability.description == "A newer description."
        assert selectors.catalogue_updates() == []


def test_a_seven_level_scale_adopts_all_its_levels(org_a, actor_a, catalogue):
    with in_org(org_a):
        scale_services.scale_update(
            actor=actor_a, scale=scale_services.scale_ensure(), levels=SEVEN
        )
        result = library_services.capability_adopt(
            actor=actor_a, sources=CatalogueCapability.objects.filter(key="presenting")
        )
        assert result.adopted[0].levels.count() == 7


def test_requirements_record_the_framework_version_in_force(org_a, actor_a, library):
    with in_org(org_a):
        role = role_services.job_role_create(actor=actor_a, name="Advisor")
        early = role_services.requirement_set(
            actor=actor_a, role=role, capability=library["Negotiation"], target_level=2
        )
        assert early.framework_version is None
        v1 = framework_services.framework_publish(actor=actor_a, note="First library")
        first = role_services.requirement_set(
            actor=actor_a, role=role, capability=library["Complaint resolution"], target_level=3
        )
        library_services.capability_update(
            actor=actor_a, capability=library["Negotiation"], description="Changed."
        )
        v2 = framework_services.framework_publish(actor=actor_a)
        second = role_services.requirement_set(
            actor=actor_a, role=role, capability=library["Customer communication"], target_level=4
        )
        changed = role_services.requirement_set(
            actor=actor_a, role=role, capability=library["Complaint resolution"], target_level=4
        )
        first.refresh_from_db()
        assert (v1.number, v2.number) == (1, 2)
        assert second.framework_version == v2
        assert changed.framework_version == v2
        with pytest.raises(ApplicationError) as error:
            framework_services.framework_publish(actor=actor_a)
        assert error.value.code == "no_changes"


def test_diff_between_versions(org_a, actor_a, library):
    with in_org(org_a):
        v1 = framework_services.framework_publish(actor=actor_a)
        levels = full_levels("Negotiation")
        levels[0] = library_services.LevelInput(
            1, "Prepares with a checklist.", ["Uses the checklist."]
        )
        library_services.capability_update(
            actor=actor_a, capability=library["Negotiation"], levels=levels, tags=["sales"]
        )
        library_services.capability_create(
            actor=actor_a,
            name="Pricing",
            category=library["Negotiation"].category,
            levels=full_levels("Pricing"),
        )
        library_services.capability_retire(
            actor=actor_a, capability=library["Complaint resolution"]
        )
        v2 = framework_services.framework_publish(actor=actor_a)
    result = selectors.framework_diff(old=v1, new=v2)
    assert [c["name"] for c in result.added] == ["Pricing"]
    assert result.removed == []
    changed = {c.name: c for c in result.changed}
    assert set(changed) == {"Negotiation", "Complaint resolution"}
    assert changed["Negotiation"].fields["tags"] == {"before": ["core"], "after": ["sales"]}
    assert changed["Negotiation"].levels["1"]["after"]["descriptor"] == "Prepares with a checklist."
    assert changed["Complaint resolution"].fields["status"]["after"] == "retired"
    assert result.scale == {}


def test_key_results_and_bulk_requirements(org_a, actor_a, library):
    with in_org(org_a):
        roles = [role_services.job_role_create(actor=actor_a, name=n) for n in ("A", "B", "C")]
        role_services.requirement_set(
            actor=actor_a, role=roles[0], capability=library["Negotiation"], target_level=2
        )
        role_services.requirements_bulk_apply(
            actor=actor_a, roles=roles, capability=library["Negotiation"], target_level=4, weight=3
        )
        assert sorted(
            RoleRequirement.objects.values_list("role__name", "target_level", "weight")
        ) == [("A", 4, 3), ("B", 4, 3), ("C", 4, 3)]
        items = [role_services.KeyResultInput(f"Outcome {i}", "%", 90 + i) for i in range(3)]
        with pytest.raises(ApplicationError) as error:
            role_services.key_results_set(actor=actor_a, role=roles[0], items=items[:2])
        assert error.value.code == "invalid_key_results"
        role_services.key_results_set(actor=actor_a, role=roles[0], items=items)
        assert roles[0].key_results.count() == 3
        with pytest.raises(ApplicationError) as error:
            role_services.requirement_set(
                actor=actor_a, role=roles[1], capability=library["Negotiation"], target_level=6
            )
        assert error.value.code == "level_outside_scale"


def test_one_current_role_per_employee(org_a, actor_a):
    person = EmployeeFactory(organization=org_a)
    with in_org(org_a):
        advisor = role_services.job_role_create(actor=actor_a, name="Advisor")
        senior = role_services.job_role_create(actor=actor_a, name="Senior advisor")
        role_services.role_assign(actor=actor_a, employee=person, role=advisor)
        role_services.role_assign(actor=actor_a, employee=person, role=senior)
        assert selectors.current_role_for(employee=person) == senior
        assert RoleAssignment.objects.filter(employee=person).count() == 2
        with pytest.raises(ApplicationError) as error:
            role_services.job_role_delete(actor=actor_a, role=advisor)
        assert error.value.code == "role_in_use"


def test_duplicates_are_found_and_merged(org_a, actor_a, library):
    with in_org(org_a):
        category = library["Negotiation"].category
        twin = library_services.capability_create(
            actor=actor_a,
            name="Negotiations",
            category=category,
            levels=full_levels("Negotiations"),
        )
        library_services.capability_create(
            actor=actor_a,
            name="Communication with customers",
            category=category,
            levels=full_levels("C"),
        )
        role = role_services.job_role_create(actor=actor_a, name="Account executive")
        other = role_services.job_role_create(actor=actor_a, name="Buyer")
        role_services.requirement_set(actor=actor_a, role=role, capability=twin, target_level=4)
        role_services.requirement_set(
            actor=actor_a, role=role, capability=library["Negotiation"], target_level=2
        )
        role_services.requirement_set(actor=actor_a, role=other, capability=twin, target_level=3)
        pairs = {
            tuple(sorted([c.first.name, c.second.name])) for c in selectors.capability_duplicates()
        }
        assert ("Negotiation", "Negotiations") in pairs
        assert ("Communication with customers", "Customer communication") in pairs
        library_services.capability_merge(
            actor=actor_a, keep=library["Negotiation"], duplicate=twin
        )
        twin.refresh_from_db()
        requirements = sorted(
            RoleRequirement.objects.values_list("role__name", "capability__name", "target_level")
        )
        assert twin.status == "retired" and twin.merged_into == library["Negotiation"]
        assert requirements == [
            ("Account executive", "Negotiation", 4),
            ("Buyer", "Negotiation", 3),
        ]
        actions = set(AuditEvent.objects.values_list("action", flat=True))
        assert {"capability.merged", "capability.merged_away"} <= actions
        assert ("Negotiation", "Negotiations") not in {
            tuple(sorted([c.first.name, c.second.name])) for c in selectors.capability_duplicates()
        }
