"""The demo organisation's library: adopted from the catalogue, with roles and scorecards."""

from __future__ import annotations

from capabilities import selectors
from capabilities.catalogue.loader import catalogue_load
from capabilities.models import Capability, JobRole
from capabilities.services import frameworks as framework_services
from capabilities.services import library as library_services
from capabilities.services import roles as role_services
from capabilities.services import scales as scale_services
from plms.people.models import Employee
from plms.tenancy.actors import Actor
from plms.web.demo import DEMO_STEPS

# Capabilities Acme's customer service and sales teams (and their managers) work with.
ADOPT = (
    "customer-communication",
    "complaint-resolution",
    "customer-needs-analysis",
    "customer-relationship-building",
    "customer-retention",
    "customer-onboarding",
    "multichannel-service",
    "service-standards-delivery",
    "accessible-inclusive-service",
    "active-listening",
    "written-communication",
    "persuasive-communication",
    "presenting",
    "sales-pipeline-management",
    "commercial-negotiation",
    "pricing-margin-management",
    "data-protection-compliance",
    "resilience",
    "time-management",
    "coaching-others",
    "managing-performance",
    "giving-feedback",
    "team-objective-setting",
    "operational-performance-monitoring",
    "recruitment-and-selection",
    "employee-wellbeing",
)

KR = role_services.KeyResultInput
# name, family, grade, description, [(catalogue key, target, weight, core)], key results
ROLES = (
    (
        "Customer Service Advisor",
        "Customer Operations",
        "C1",
        "Resolves customer enquiries and complaints by phone, chat and e-mail, first time.",
        [
            ("customer-communication", 3, 3, True),
            ("complaint-resolution", 3, 3, True),
            ("multichannel-service", 3, 2, True),
            ("active-listening", 3, 2, True),
            ("data-protection-compliance", 2, 1, True),
            ("resilience", 2, 1, False),
        ],
        [
            KR("Customers get their issue resolved in the first contact", "%", 80),
            KR("Customers are satisfied with the service", "CSAT %", 90),
            KR("Contacts are answered quickly", "seconds to answer", 45, "decrease"),
            KR("Quality reviews pass", "%", 95),
        ],
    ),
    (
        "Senior Customer Service Advisor",
        "Customer Operations",
        "C2",
        "Handles escalated and complex cases and coaches advisors on the floor.",
        [
            ("customer-communication", 4, 3, True),
            ("complaint-resolution", 4, 3, True),
            ("multichannel-service", 3, 2, True),
            ("coaching-others", 3, 2, True),
            ("data-protection-compliance", 3, 1, True),
            ("accessible-inclusive-service", 3, 1, False),
        ],
        [
            KR("Escalated complaints resolved within five working days", "%", 90),
            KR("Complaints referred to the ombudsman", "cases per quarter", 2, "decrease"),
            KR("Advisors coached reach quality standard", "%", 85),
        ],
    ),
    (
        "Customer Service Manager",
        "Customer Operations",
        "M1",
        "Leads the customer operations team: service levels, quality and people.",
        [
            ("managing-performance", 4, 3, True),
            ("coaching-others", 4, 2, True),
            ("operational-performance-monitoring", 4, 3, True),
            ("service-standards-delivery", 4, 2, True),
            ("team-objective-setting", 3, 2, True),
            ("employee-wellbeing", 3, 1, False),
        ],
        [
            KR("Service level: calls answered within 60 seconds", "%", 85),
            KR("Net promoter score", "NPS", 45),
            KR("Team attrition", "% per year", 15, "decrease"),
            KR("Every advisor has a current development plan", "%", 100),
        ],
    ),
    (
        "Account Executive",
        "Sales",
        "S2",
        "Wins and grows business accounts from qualified opportunity to signed contract.",
        [
            ("sales-pipeline-management", 3, 3, True),
            ("commercial-negotiation", 3, 3, True),
            ("customer-needs-analysis", 3, 2, True),
            ("persuasive-communication", 3, 2, True),
            ("presenting", 3, 1, True),
            ("pricing-margin-management", 2, 1, False),
        ],
        [
            KR("New annual recurring revenue", "£", 400000),
            KR("Win rate of qualified opportunities", "%", 30),
            KR("Average discount given", "%", 8, "decrease"),
        ],
    ),
    (
        "Sales Development Representative",
        "Sales",
        "S1",
        "Finds and qualifies new prospects and books first meetings for account executives.",
        [
            ("customer-needs-analysis", 2, 2, True),
            ("persuasive-communication", 2, 2, True),
            ("written-communication", 3, 2, True),
            ("sales-pipeline-management", 2, 2, True),
            ("time-management", 3, 1, True),
            ("resilience", 3, 1, False),
        ],
        [
            KR("Qualified meetings booked", "meetings per month", 20),
            KR("Meetings that become opportunities", "%", 40),
            KR("Leads contacted within one working day", "%", 95),
        ],
    ),
    (
        "Sales Manager",
        "Sales",
        "M1",
        "Leads the sales team to its revenue targets and develops its people.",
        [
            ("sales-pipeline-management", 4, 3, True),
            ("managing-performance", 4, 3, True),
            ("coaching-others", 4, 2, True),
            ("customer-relationship-building", 4, 2, True),
            ("team-objective-setting", 4, 2, True),
            ("giving-feedback", 3, 1, False),
        ],
        [
            KR("Team revenue against target", "%", 100),
            KR("Forecast accuracy", "%", 90),
            KR("Customer retention of key accounts", "%", 92),
        ],
    ),
    (
        "People Partner",
        "People & Culture",
        "P2",
        "Partners managers on hiring, performance, development and wellbeing.",
        [
            ("recruitment-and-selection", 4, 3, True),
            ("managing-performance", 3, 2, True),
            ("employee-wellbeing", 3, 2, True),
            ("coaching-others", 3, 2, True),
            ("data-protection-compliance", 3, 1, True),
        ],
        [
            KR("Time to hire", "days", 35, "decrease"),
            KR("New starters still with us after a year", "%", 90),
            KR("Managers satisfied with HR support", "%", 85),
        ],
    ),
)

ASSIGNMENTS = {
    "manager@acme.example": "Customer Service Manager",
    "sales.manager@acme.example": "Sales Manager",
    "employee@acme.example": "Customer Service Advisor",
    "liam@acme.example": "Customer Service Advisor",
    "noah@acme.example": "Customer Service Advisor",
    "priya@acme.example": "Senior Customer Service Advisor",
    "olivia@acme.example": "Account Executive",
    "mateo@acme.example": "Account Executive",
    "aisha@acme.example": "Sales Development Representative",
    "tom@acme.example": "People Partner",
}


def seed_capabilities(actor: Actor) -> None:
    catalogue_load()  # idempotent: the demo works even on a database emptied since migrating
    scale_services.scale_ensure()
    sources = selectors.catalogue_capability_list().filter(key__in=ADOPT)
    library_services.capability_adopt(actor=actor, sources=sources)
    if not framework_services.framework_version_current():
        framework_services.framework_publish(
            actor=actor, note="First library, adopted from the catalogue"
        )
    by_source = {c.source_key: c for c in Capability.objects.exclude(source_key="")}
    roles = {role.name: role for role in JobRole.objects.all()}
    for name, family, grade, description, requirements, key_results in ROLES:
        if name in roles:
            continue
        roles[name] = role_services.job_role_create(
            actor=actor,
            name=name,
            family=family,
            grade=grade,
            description=description,
            requirements=[
                role_services.RequirementInput(by_source[key], level, weight, core)
                for key, level, weight, core in requirements
                if key in by_source
            ],
            key_results=key_results,
        )
    for employee in Employee.objects.filter(email__in=ASSIGNMENTS):
        if selectors.current_role_for(employee=employee) is None:
            role_services.role_assign(
                actor=actor, employee=employee, role=roles[ASSIGNMENTS[employee.email]]
            )


DEMO_STEPS.append(seed_capabilities)
