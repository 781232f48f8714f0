import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from capabilities import selectors
from capabilities.models import (
    Capability,
    CatalogueCapability,
    FrameworkVersion,
    JobRole,
    RoleRequirement,
)
from capabilities.services import library as library_services
from capabilities.services import roles as role_services
from capabilities.services import scales as scale_services
from capabilities.signals import scale_in_use
from plms.tenancy.actors import system_actor
from tests.capabilities.conftest import full_levels
from tests.capabilities.factories import RoleAssignmentFactory
from tests.conftest import in_org
from tests.factories import EmployeeFactory


@pytest.fixture
def role(org_a, library):
    actor = system_actor(org_a)
    with in_org(org_a):
        role = role_services.job_role_create(
            actor=actor,
            name="Advisor",
            family="Service",
            key_results=[role_services.KeyResultInput(f"Outcome {i}", "%", 90) for i in range(3)],
        )
        role_services.requirement_set(
            actor=actor, role=role, capability=library["Negotiation"], target_level=3
        )
    return role


def test_everyone_reads_the_library_and_roles(org_a, employee, login_client, library, role):
    client = login_client(employee)
    capability = library["Negotiation"]
    listing = client.get(reverse("capabilities:capability_list"))
    assert listing.status_code == 200
    assert "Negotiation" in listing.content.decode()
    detail = client.get(reverse("capabilities:capability_detail", args=[capability.uuid]))
    text = detail.content.decode()
    assert "Negotiation at level 5." in text and "Negotiation 5 b." in text
    assert "Advisor" in text
    for name in ("role_detail", "role_scorecard"):
        page = client.get(reverse(f"capabilities:{name}", args=[role.uuid]))
        assert page.status_code == 200
        assert "Negotiation at level 3." in page.content.decode()
        assert "Outcome 2" in page.content.decode()
    assert client.get(reverse("capabilities:role_list")).status_code == 200
    assert client.get(reverse("capabilities:catalogue_list")).status_code == 200
    assert client.get(reverse("capabilities:scale")).status_code == 200
    assert client.get(reverse("capabilities:version_list")).status_code == 200


@pytest.mark.parametrize(
    "name",
    ["capability_create", "duplicate_list", "import", "role_create", "role_bulk_requirement"],
)
def test_admin_pages_are_refused_to_members(employee, login_client, library, name):
    assert login_client(employee).get(reverse(f"capabilities:{name}")).status_code == 403


def test_members_cannot_write_through_pages(org_a, employee, login_client, library, role):
    client = login_client(employee)
    capability = library["Negotiation"]
    assert (
        client.post(reverse("capabilities:capability_retire", args=[capability.uuid])).status_code
        == 403
    )
    assert (
        client.post(
            reverse("capabilities:capability_edit", args=[capability.uuid]), {"name": "X"}
        ).status_code
        == 403
    )
    response = client.post(
        reverse("capabilities:role_requirement_set", args=[role.uuid]),
        {"capability": str(library["Complaint resolution"].uuid), "target_level": 2, "weight": 1},
    )
    assert response.status_code == 403
    assert client.post(reverse("capabilities:scale"), {"name": "X"}).status_code == 404
    with in_org(org_a):
        assert Capability.objects.get(pk=capability.pk).status == "active"
        assert RoleRequirement.objects.count() == 1


def test_another_organization_gets_404_on_pages(outsider, login_client, library, role):
    client = login_client(outsider)
    capability = library["Negotiation"]
    for url in (
        reverse("capabilities:capability_detail", args=[capability.uuid]),
        reverse("capabilities:capability_edit", args=[capability.uuid]),
        reverse("capabilities:role_detail", args=[role.uuid]),
        reverse("capabilities:role_scorecard", args=[role.uuid]),
    ):
        assert client.get(url).status_code == 404, url
    assert (
        client.post(reverse("capabilities:capability_retire", args=[capability.uuid])).status_code
        == 404
    )
    assert "Negotiation" not in client.get(reverse("capabilities:capability_list")).content.decode()


def test_admin_creates_edits_and_retires_a_capability(org_a, hr_admin, login_client, library):
    client = login_client(hr_admin)
    data = {
        "name": "Upselling",
        "new_category": "Commercial",
        "description": "Offers what helps.",
        "tags": "sales, growth",
        "status": "active",
    }
    for n in range(1, 6):
        data[f"level_{n}_descriptor"] = f"Upsells at {n}."
        data[f"level_{n}_indicators"] = f"First {n}\nSecond {n}"
    incomplete = {k: v for k, v in data.items() if k != "level_5_descriptor"}
    response = client.post(reverse("capabilities:capability_create"), incomplete)
    assert response.status_code == 200
    assert "A descriptor is required." in response.content.decode()
    response = client.post(reverse("capabilities:capability_create"), data)
    assert response.status_code == 302, response.context["form"].errors
    with in_org(org_a):
        capability = Capability.objects.get(name="Upselling")
        assert capability.tags == ["sales", "growth"]
        assert capability.levels.get(level=2).indicators == ["First 2", "Second 2"]
    page = client.get(reverse("capabilities:capability_detail", args=[capability.uuid]))
    # The history in words: who did it, to what (not `capability.created`).
    assert f"{hr_admin.user.get_full_name()} created Upselling." in page.content.decode()
    client.post(reverse("capabilities:capability_retire", args=[capability.uuid]))
    with in_org(org_a):
        assert Capability.objects.get(pk=capability.pk).status == "retired"


def test_admin_adopts_from_the_catalogue_page(org_a, hr_admin, login_client, catalogue):
    client = login_client(hr_admin)
    response = client.post(
        reverse("capabilities:catalogue_adopt"), {"key": ["presenting", "time-management"]}
    )
    assert response.status_code == 302
    with in_org(org_a):
        assert set(Capability.objects.values_list("source_key", flat=True)) == {
            "presenting",
            "time-management",
        }
    page = client.get(reverse("capabilities:catalogue_list"), {"q": "presenting"})
    assert "in your library" in page.content.decode()


def test_role_editor_level_picker_and_assignment(
    org_a, hr_admin, employee, login_client, library, role
):
    client = login_client(hr_admin)
    complaint = library["Complaint resolution"]
    picker = client.get(
        reverse("capabilities:role_level_picker"), {"capability": str(complaint.uuid)}
    )
    assert "Complaint resolution at level 4." in picker.content.decode()
    page = client.get(
        reverse("capabilities:role_detail", args=[role.uuid]), {"capability": str(complaint.uuid)}
    )
    assert "Complaint resolution at level 4." in page.content.decode()
    response = client.post(
        reverse("capabilities:role_requirement_set", args=[role.uuid]),
        {"capability": str(complaint.uuid), "target_level": 4, "weight": 2, "is_core": "on"},
    )
    assert response.status_code == 302
    client.post(
        reverse("capabilities:role_assign", args=[role.uuid]),
        {"employee": str(employee.employee.uuid)},
    )
    page = client.get(reverse("capabilities:role_detail", args=[role.uuid]))
    text = page.content.decode()
    assert "Complaint resolution at level 4." in text
    assert employee.employee.full_name in text
    assert "set a required capability of" in text and "job_role.requirement_set" not in text


def test_export_and_import_pages(org_a, hr_admin, login_client, library):
    client = login_client(hr_admin)
    exported = client.get(reverse("capabilities:export"), {"kind": "capabilities", "format": "csv"})
    assert exported.status_code == 200
    body = exported.content.replace(b"Negotiation at level 2.", b"Prepares a plan at level 2.")
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        reverse("capabilities:import"),
        {"kind": "capabilities", "file": SimpleUploadedFile("library.csv", body)},
    )
    assert response.status_code == 302
    with in_org(org_a):
        level = library["Negotiation"].levels.get(level=2)
    assert level.descriptor == "Prepares a plan at level 2."
    bad = body.replace(b",2,Prepares", b",9,Prepares")
    response = client.post(
        reverse("capabilities:import"),
        {"kind": "capabilities", "file": SimpleUploadedFile("library.csv", bad)},
    )
    assert "level 9 is outside the scale 1 to 5" in response.content.decode()


def test_versions_page_shows_the_diff(org_a, hr_admin, login_client, library):
    client = login_client(hr_admin)
    # Publishing asks first, saying what it freezes; a bare post publishes nothing.
    confirm = client.get(reverse("capabilities:version_publish"), {"note": "First"})
    assert "Publish version 1?" in confirm.content.decode()
    assert "It freezes" in confirm.content.decode() and 'value="First"' in confirm.content.decode()
    client.post(reverse("capabilities:version_publish"), {"note": "First"})
    with in_org(org_a):
        assert not FrameworkVersion.objects.exists()
    client.post(reverse("capabilities:version_publish"), {"note": "First", "confirm": "publish"})
    with in_org(org_a):
        library_services.capability_update(
            actor=system_actor(org_a),
            capability=library["Negotiation"],
            description="Agrees terms.",
        )
    client.post(reverse("capabilities:version_publish"), {"note": "Second", "confirm": "publish"})
    page = client.get(reverse("capabilities:version_list"))
    text = page.content.decode()
    assert "Changes from v1 to v2" in text and "Agrees terms." in text


def test_scale_page_guards_changes(org_a, hr_admin, login_client, library, role):
    client = login_client(hr_admin)
    data = {"name": "Scale", "level_count": 3, "proficient_level": 2}
    for n in range(1, 4):
        data[f"level_{n}_name"] = f"L{n}"
    response = client.post(reverse("capabilities:scale"), data)
    assert "in use" in response.content.decode()
    data.update({"map_1": 1, "map_2": 1, "map_3": 2, "map_4": 3, "map_5": 3})
    assert client.post(reverse("capabilities:scale"), data).status_code == 302
    with in_org(org_a):
        assert scale_services.scale_numbers() == [1, 2, 3]


def test_duplicates_page_merges(org_a, hr_admin, login_client, library):
    with in_org(org_a):
        twin = library_services.capability_create(
            actor=system_actor(org_a),
            name="Negotiations",
            category=library["Negotiation"].category,
            levels=full_levels("N"),
        )
    client = login_client(hr_admin)
    assert "Negotiations" in client.get(reverse("capabilities:duplicate_list")).content.decode()
    client.post(
        reverse("capabilities:duplicate_merge"),
        {"keep": str(library["Negotiation"].uuid), "duplicate": str(twin.uuid)},
    )
    with in_org(org_a):
        assert Capability.objects.get(pk=twin.pk).status == "retired"


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_page_queries_do_not_grow_with_rows(org_a, hr_admin, login_client, library, role):
    client = login_client(hr_admin)
    actor = system_actor(org_a)
    capability = library["Negotiation"]
    urls = [
        reverse("capabilities:capability_list"),
        reverse("capabilities:capability_detail", args=[capability.uuid]),
        reverse("capabilities:role_detail", args=[role.uuid]),
        reverse("capabilities:role_list"),
        reverse("capabilities:catalogue_list"),
        reverse("capabilities:capability_create"),
        reverse("capabilities:capability_edit", args=[capability.uuid]),
        reverse("capabilities:role_bulk_requirement"),
        reverse("capabilities:scale"),
    ]

    def grow(n):
        with in_org(org_a):
            for i in range(n):
                extra = library_services.capability_create(
                    actor=actor,
                    name=f"Extra {n} {i}",
                    category=capability.category,
                    levels=full_levels("E"),
                )
                other = role_services.job_role_create(actor=actor, name=f"Other {n} {i}")
                role_services.requirement_set(
                    actor=actor, role=other, capability=capability, target_level=2
                )
                role_services.requirement_set(
                    actor=actor, role=role, capability=extra, target_level=2
                )
                library_services.capability_update(
                    actor=actor, capability=capability, description=f"v{n}{i}"
                )

    grow(2)
    [_count(client, url) for url in urls]  # warm-up: the default scale, sessions
    before = [_count(client, url) for url in urls]
    grow(4)
    after = [_count(client, url) for url in urls]
    assert before == after


def test_demo_builds_a_realistic_library_idempotently(settings, catalogue):
    from plms.web.demo import seed_demo

    settings.PLMS_ALLOW_DEMO_SEED = True
    organization = seed_demo()
    seed_demo()
    with in_org(organization):
        assert Capability.objects.filter(source_key__gt="").count() >= 20
        roles = JobRole.objects.prefetch_related("requirements", "key_results")
        assert roles.count() >= 5
        for role in roles:
            assert role.requirements.count() >= 5
            assert 3 <= role.key_results.count() <= 5
        from capabilities.selectors import current_role_for
        from plms.people.models import Employee

        emma = Employee.objects.get(email="employee@acme.example")
        assert current_role_for(employee=emma).name == "Customer Service Advisor"
    assert CatalogueCapability.objects.count() >= 120


def test_every_admin_page_renders(org_a, hr_admin, login_client, library, role):
    client = login_client(hr_admin)
    capability = library["Negotiation"]
    for url in (
        reverse("capabilities:capability_create"),
        reverse("capabilities:capability_edit", args=[capability.uuid]),
        reverse("capabilities:role_create"),
        reverse("capabilities:role_edit", args=[role.uuid]),
        reverse("capabilities:role_bulk_requirement"),
        reverse("capabilities:import"),
        reverse("capabilities:duplicate_list"),
        reverse("capabilities:scale"),
        reverse("capabilities:catalogue_list"),
    ):
        assert client.get(url).status_code == 200, url
    for fmt in ("csv", "json", "xlsx"):
        response = client.get(reverse("capabilities:export"), {"kind": "job_roles", "format": fmt})
        assert response.status_code == 200
        assert "attachment" in response["Content-Disposition"]


def test_admin_creates_a_role_with_key_results_and_bulk_applies(
    org_a, hr_admin, login_client, library, role
):
    client = login_client(hr_admin)
    data = {"name": "Team lead", "family": "Service", "grade": "B"}
    for i in range(2):
        data.update(
            {
                f"kr_{i}_outcome": f"Outcome {i}",
                f"kr_{i}_kpi_unit": "%",
                f"kr_{i}_kpi_target": "90",
                f"kr_{i}_kpi_direction": "increase",
            }
        )
    response = client.post(reverse("capabilities:role_create"), data)
    assert response.status_code == 200
    assert "A scorecard has 3 to 5 key results." in response.content.decode()
    data.update(
        {
            "kr_2_outcome": "Outcome 2",
            "kr_2_kpi_unit": "days",
            "kr_2_kpi_target": "3",
            "kr_2_kpi_direction": "decrease",
        }
    )
    assert client.post(reverse("capabilities:role_create"), data).status_code == 302
    with in_org(org_a):
        lead = JobRole.objects.get(name="Team lead")
        assert lead.key_results.count() == 3
    response = client.post(
        reverse("capabilities:role_bulk_requirement"),
        {
            "capability": str(library["Complaint resolution"].uuid),
            "target_level": 3,
            "weight": 2,
            "is_core": "on",
            "roles": [str(role.uuid), str(lead.uuid)],
        },
    )
    assert response.status_code == 302
    with in_org(org_a):
        assert (
            RoleRequirement.objects.filter(capability=library["Complaint resolution"]).count() == 2
        )


def test_admin_removes_a_requirement(org_a, hr_admin, outsider, login_client, role):
    with in_org(org_a):
        requirement = RoleRequirement.objects.get(role=role)
    url = reverse("capabilities:role_requirement_remove", args=[requirement.uuid])
    assert login_client(outsider).post(url).status_code == 404
    assert login_client(hr_admin).post(url).status_code == 302
    with in_org(org_a):
        assert not RoleRequirement.objects.filter(role=role).exists()


# --- Choice lists bounded for an organisation of thousands ----------------------------------


def _options(html: str, select_name: str) -> list[str]:
    start = html.index(f'name="{select_name}"')
    return re.findall(r'<option value="([^"]*)"', html[start : html.index("</select>", start)])


def test_person_pickers_list_a_few_people_not_the_organisation(
    org_a, hr_admin, login_client, library, role
):
    with in_org(org_a):
        steward = EmployeeFactory(organization=org_a, last_name="Steward")
        EmployeeFactory.create_batch(60, organization=org_a)
        library_services.capability_update(
            actor=system_actor(org_a), capability=library["Negotiation"], data_steward=steward
        )
    client = login_client(hr_admin)
    viewer = str(hr_admin.employee.uuid)
    new = _options(
        client.get(reverse("capabilities:capability_create")).content.decode(), "data_steward"
    )
    assert new[:2] == ["", viewer] and len(new) < 20  # no steward, yourself, your colleagues
    edit = client.get(reverse("capabilities:capability_edit", args=[library["Negotiation"].uuid]))
    html = edit.content.decode()
    assert f'<option value="{steward.uuid}" selected>' in html
    role_page = client.get(reverse("capabilities:role_detail", args=[role.uuid])).content.decode()
    assert viewer in _options(role_page, "employee") and len(_options(role_page, "employee")) < 20
    # Anyone active may still be chosen, offered or not.
    someone = EmployeeFactory(organization=org_a, last_name="Unlisted")
    response = client.post(
        reverse("capabilities:role_assign", args=[role.uuid]), {"employee": str(someone.uuid)}
    )
    assert response.status_code == 302
    with in_org(org_a):
        assert selectors.role_holders(role=role).filter(employee=someone).exists()
    response = client.post(
        reverse("capabilities:capability_edit", args=[library["Negotiation"].uuid]),
        {
            "name": "Negotiation",
            "category": str(library["Negotiation"].category.uuid),
            "status": "draft",
            "data_steward": viewer,
        },
    )
    assert response.status_code == 302
    with in_org(org_a):
        assert (
            Capability.objects.get(pk=library["Negotiation"].pk).data_steward == hr_admin.employee
        )


def test_role_holders_are_listed_fifty_a_page(org_a, hr_admin, employee, login_client, role):
    with in_org(org_a):
        for person in EmployeeFactory.create_batch(51, organization=org_a):
            RoleAssignmentFactory(organization=org_a, employee=person, role=role)
    url = reverse("capabilities:role_detail", args=[role.uuid])
    for member in (hr_admin, employee):
        first = login_client(member).get(url).content.decode()
        assert "51 people hold this role; 1 to 50 by name." in first and "Page 1 of 2" in first
        second = login_client(member).get(url, {"holders": 2}).content.decode()
        assert "Page 2 of 2" in second and 'rel="prev"' in second


def test_the_scale_page_asks_whether_the_scale_is_used_without_counting(
    org_a, hr_admin, login_client, library, role
):
    asked = []

    def ratings(sender, counts=True, **kwargs):
        asked.append(counts)
        return 1

    scale_in_use.connect(ratings, weak=False)
    try:
        page = login_client(hr_admin).get(reverse("capabilities:scale")).content.decode()
    finally:
        scale_in_use.disconnect(ratings)
    assert asked == [False]
    assert "This scale is in use: role requirements, ratings." in page
    with in_org(org_a):
        assert scale_services.scale_usage() == {"role requirements": 1}  # writes still count


def test_the_scale_page_counts_no_ratings(org_a, hr_admin, login_client, library, role):
    with CaptureQueriesContext(connection) as queries:
        assert login_client(hr_admin).get(reverse("capabilities:scale")).status_code == 200
    reads = [q["sql"] for q in queries.captured_queries if "assessments_rating" in q["sql"]]
    assert reads and not any("COUNT(" in sql for sql in reads), reads


def test_bulk_requirement_keeps_what_was_chosen_after_an_error(
    org_a, hr_admin, login_client, library, role
):
    client = login_client(hr_admin)
    page = client.get(reverse("capabilities:role_bulk_requirement")).content.decode()
    assert f'value="{role.uuid}"' in page and "Negotiation" in page
    response = client.post(
        reverse("capabilities:role_bulk_requirement"),
        {"capability": str(library["Negotiation"].uuid), "weight": 2, "roles": [str(role.uuid)]},
    )
    html = response.content.decode()
    assert response.status_code == 200 and 'class="error"' in html  # no target level
    assert f'value="{library["Negotiation"].uuid}" selected' in html
    assert f'value="{role.uuid}" id="id_roles_0" checked' in html
