import json
import time

import pytest

from capabilities.imports.library import library_export, library_import
from capabilities.models import (
    Capability,
    CapabilityCategory,
    CapabilityLevel,
    JobRole,
    KeyResult,
    RoleRequirement,
)
from capabilities.services import roles as role_services
from plms.audit.models import AuditEvent
from plms.common.imports import ImportFailed
from plms.tenancy.actors import Actor, system_actor
from tests.capabilities.factories import CapabilityCategoryFactory
from tests.conftest import in_org
from tests.factories import EmployeeFactory

HEADER = "key,name,category,description,tags,status,data_steward,level,descriptor,indicators\n"


def capability_rows(key, name, category="Customer", levels=range(1, 6), **overrides):
    description = overrides.get("description", f"{name} delivers.")
    steward = overrides.get("steward", "")
    return "".join(
        f"{key},{name},{category},{description},service; core,active,{steward},{n},"
        f'"{name} at level {n}, observably.",First {n} | Second {n}\n'
        for n in levels
    )


GOOD = (
    HEADER
    + capability_rows("listening", "Active listening")
    + capability_rows("complaints", "Complaint resolution", category="customer")
)


def run(org, text, kind="capabilities", fmt="csv"):
    data = text if isinstance(text, bytes) else text.encode()
    with in_org(org):
        return library_import(actor=system_actor(org), kind=kind, fmt=fmt, data=data)


def export(org, kind="capabilities", fmt="csv"):
    with in_org(org):
        return library_export(kind=kind, fmt=fmt)[0]


def state(org):
    with in_org(org):
        return (
            sorted(
                Capability.objects.values_list(
                    "key", "name", "category__name", "description", "tags", "status"
                )
            ),
            sorted(
                CapabilityLevel.objects.values_list(
                    "capability__key", "level", "descriptor", "indicators"
                )
            ),
        )


@pytest.fixture
def customer(org_a):
    return CapabilityCategoryFactory(organization=org_a, name="Customer")


def test_a_good_file_imports_capabilities_with_levels(org_a, customer, catalogue):
    result = run(org_a, GOOD)
    assert (result.created, result.updated, result.categories_created) == (2, 0, 0)
    capabilities, levels = state(org_a)
    assert capabilities == [
        (
            "complaints",
            "Complaint resolution",
            "Customer",
            "Complaint resolution delivers.",
            ["service", "core"],
            "active",
        ),
        (
            "listening",
            "Active listening",
            "Customer",
            "Active listening delivers.",
            ["service", "core"],
            "active",
        ),
    ]
    assert len(levels) == 10
    assert levels[0] == (
        "complaints",
        1,
        "Complaint resolution at level 1, observably.",
        ["First 1", "Second 1"],
    )
    with in_org(org_a):
        assert AuditEvent.objects.filter(action="capability.created").count() == 2


def test_a_catalogue_category_is_created_when_named(org_a, catalogue):
    result = run(
        org_a, HEADER + capability_rows("budgets", "Budgeting", category="Commercial & finance")
    )
    assert result.categories_created == 1
    with in_org(org_a):
        assert CapabilityCategory.objects.get().source_key == "commercial-finance"


def test_reimport_is_idempotent_and_updates_by_key(org_a, customer):
    run(org_a, GOOD)
    first = state(org_a)
    result = run(org_a, GOOD)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
    assert state(org_a) == first
    changed = GOOD.replace("Active listening at level 3", "Listens and summarises at level 3")
    result = run(org_a, changed)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    _, levels = state(org_a)
    assert (
        "listening",
        3,
        "Listens and summarises at level 3, observably.",
        ["First 3", "Second 3"],
    ) in levels
    with in_org(org_a):
        event = AuditEvent.objects.get(action="capability.updated")
    assert set(event.changes) == {"levels"}


BAD_CAPABILITY_ROWS = {
    "unknown category": (
        capability_rows("x", "Mystery", category="Astrology", levels=[1, 2, 3, 4, 5]),
        "category",
        "unknown category 'Astrology'",
    ),
    "level outside scale": (
        capability_rows("x", "Extra", levels=[1, 2, 3, 4, 5, 6]),
        "level",
        "level 6 is outside the scale 1 to 5",
    ),
    "missing descriptor": (
        capability_rows("x", "Partial", levels=[1, 2, 3, 4]),
        "descriptor",
        "missing descriptor for level(s) 5 of x",
    ),
    "empty descriptor": (
        capability_rows("x", "Blank", levels=[1, 2, 3, 4]) + "x,Blank,Customer,,,active,,5,,\n",
        "descriptor",
        "missing descriptor for level 5",
    ),
    "duplicate name": (
        capability_rows("other-key", "Active listening"),
        "name",
        "duplicate name 'Active listening' (also on line 2)",
    ),
    "unknown steward": (
        capability_rows("x", "Stewarded", steward="nobody@example.com"),
        "data_steward",
        "unknown employee nobody@example.com",
    ),
}


@pytest.mark.parametrize("case", BAD_CAPABILITY_ROWS, ids=list(BAD_CAPABILITY_ROWS))
def test_each_bad_row_is_named_and_nothing_is_written(org_a, customer, case, catalogue):
    rows, column, message = BAD_CAPABILITY_ROWS[case]
    text = GOOD + rows
    with pytest.raises(ImportFailed) as failure:
        run(org_a, text)
    errors = [(e.column, e.message) for e in failure.value.errors]
    assert (column, message) in errors
    assert all(e.line > 11 for e in failure.value.errors), "good rows are not blamed"
    assert state(org_a) == ([], [])
    with in_org(org_a):
        assert not AuditEvent.objects.exists()


def test_a_name_used_by_another_existing_capability_is_a_duplicate(org_a, customer):
    run(org_a, GOOD)
    with pytest.raises(ImportFailed) as failure:
        run(org_a, HEADER + capability_rows("new-key", "Active listening"))
    assert failure.value.errors[0].message == (
        "duplicate name 'Active listening': capability listening has it"
    )


def test_export_import_round_trips_exactly_in_every_format(org_a, org_b, customer, catalogue):
    steward_a = EmployeeFactory(organization=org_a, email="steward@x.com")
    EmployeeFactory(organization=org_b, email="steward@x.com")
    CapabilityCategoryFactory(organization=org_b, name="Customer")
    run(org_a, GOOD.replace(",active,,", f",active,{steward_a.email},", 5))
    with in_org(org_a):
        role = role_services.job_role_create(
            actor=system_actor(org_a),
            name="Advisor, senior",
            family="Service",
            grade="B2",
            description='Handles "tricky" cases;\nmentors.',
            key_results=[
                role_services.KeyResultInput(f"Outcome {i}", "%", "92.5") for i in range(3)
            ],
        )
        role_services.requirement_set(
            actor=system_actor(org_a),
            role=role,
            capability=Capability.objects.get(key="listening"),
            target_level=4,
            weight=3,
            is_core=False,
        )
        role_services.job_role_create(actor=system_actor(org_a), name="Trainee")
    for fmt in ("csv", "json", "xlsx"):
        for kind in ("capabilities", "job_roles"):
            exported = export(org_a, kind, fmt)
            run(org_b, exported, kind=kind, fmt=fmt)
            if fmt != "xlsx":
                assert export(org_b, kind, fmt) == exported, (kind, fmt)
            assert export(org_b, kind, "csv") == export(org_a, kind, "csv"), (kind, fmt)
    assert export(org_b, "job_roles", "json") == export(org_a, "job_roles", "json")
    assert export(org_b, "capabilities", "json") == export(org_a, "capabilities", "json")
    with in_org(org_b):
        assert KeyResult.objects.count() == 3
        assert Capability.objects.filter(data_steward__email="steward@x.com").count() == 1


ROLE_HEADER = "key,name,family,grade,description,capability,target_level,weight,core\n"


def test_roles_import_with_requirements_and_named_bad_rows(org_a, customer):
    run(org_a, GOOD)
    good = ROLE_HEADER + (
        "advisor,Advisor,Service,A1,Answers customers,listening,3,2,true\n"
        "advisor,Advisor,Service,A1,Answers customers,Complaint resolution,2,1,false\n"
        "lead,Team lead,Service,B1,,listening,4,,\n"
    )
    result = run(org_a, good, kind="job_roles")
    assert (result.created, result.updated) == (2, 0)
    with in_org(org_a):
        assert sorted(
            RoleRequirement.objects.values_list(
                "role__key", "capability__key", "target_level", "weight", "is_core"
            )
        ) == [
            ("advisor", "complaints", 2, 1, False),
            ("advisor", "listening", 3, 2, True),
            ("lead", "listening", 4, 1, True),
        ]
    again = run(org_a, good, kind="job_roles")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)

    bad = good + (
        "clerk,Clerk,Service,,,astrology,3,1,true\n"
        "clerk,Clerk,Service,,,listening,9,1,true\n"
        "other,Advisor,Service,,,listening,3,1,true\n"
    )
    with pytest.raises(ImportFailed) as failure:
        run(org_a, bad.replace("Team lead", "Team leader"), kind="job_roles")
    assert [(e.line, e.column, e.message) for e in failure.value.errors] == [
        (5, "capability", "unknown capability 'astrology'"),
        (6, "target_level", "level 9 is outside the scale 1 to 5"),
        (7, "name", "duplicate name 'Advisor' (also on line 2)"),
    ]
    with in_org(org_a):
        assert JobRole.objects.get(key="lead").name == "Team lead"


def test_json_key_results_are_checked(org_a, customer):
    document = {
        "job_roles": [
            {
                "key": "a",
                "name": "A",
                "key_results": [{"outcome": "x", "kpi_unit": "%", "kpi_target": 1}],
            }
        ]
    }
    with pytest.raises(ImportFailed) as failure:
        run(org_a, json.dumps(document), kind="job_roles", fmt="json")
    assert "a scorecard has 3 to 5 key results" in failure.value.errors[0].message


def test_a_header_with_unknown_columns_is_refused(org_a):
    with pytest.raises(ImportFailed) as failure:
        run(org_a, "name,colour\nX,red\n")
    messages = [e.message for e in failure.value.errors]
    assert any("required column(s) missing" in m for m in messages)
    assert any("unknown column(s)" in m for m in messages)


def test_ten_thousand_rows_import_in_seconds(org_a, customer):
    lines = [HEADER]
    for i in range(2000):
        lines.append(capability_rows(f"cap-{i}", f"Capability number {i}"))
    text = "".join(lines)
    assert text.count("\n") == 10_001
    progress = []
    started = time.monotonic()
    with in_org(org_a):
        result = library_import(
            actor=system_actor(org_a),
            kind="capabilities",
            fmt="csv",
            data=text.encode(),
            progress=lambda done, total: progress.append((done, total)),
        )
    elapsed = time.monotonic() - started
    assert result.created == 2000
    assert progress[-1] == (2000, 2000)
    with in_org(org_a):
        assert CapabilityLevel.objects.count() == 10_000
    assert elapsed < 20, f"took {elapsed:.1f}s"
    started = time.monotonic()
    again = run(org_a, text)
    assert again.unchanged == 2000
    assert time.monotonic() - started < 20


def test_members_cannot_import(org_a, employee):
    from plms.common.errors import PermissionDenied

    with in_org(org_a), pytest.raises(PermissionDenied):
        library_import(
            actor=Actor(organization=org_a, membership=employee.membership),
            kind="capabilities",
            fmt="csv",
            data=GOOD.encode(),
        )
