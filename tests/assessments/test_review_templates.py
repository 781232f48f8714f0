"""Review templates: sections addressed to rater kinds, versions kept by launched cycles,
required questions enforced on submit, answers validated."""

from __future__ import annotations

import pytest

from assessments.models import Assessment, ReviewAnswer, ReviewTemplateVersion
from assessments.reviews import selectors as review_selectors
from assessments.reviews import services as review_services
from assessments.services import cycles as cycle_services
from plms.audit.models import AuditEvent
from plms.common.errors import ApplicationError
from tests.assessments.conftest import actor_of
from tests.conftest import in_org

ALL = ["self", "manager", "peer", "expert"]


def sections(*, required=True):
    return [
        {"kind": "capabilities", "rater_kinds": ["self", "manager"], "required": True},
        {
            "kind": "open",
            "title": "Looking back",
            "help_text": "A few sentences are enough.",
            "rater_kinds": ["self", "manager"],
            "required": required,
            "questions": [
                {"key": "q-keep", "text": "What should they keep doing?"},
                {"key": "q-change", "text": "What should they change?"},
            ],
        },
        {
            "kind": "rating",
            "title": "Collaboration",
            "rater_kinds": ALL,
            "required": False,
            "questions": [{"key": "q-collab", "text": "How well do they share knowledge?"}],
        },
        {
            "kind": "choice",
            "title": "Readiness",
            "rater_kinds": ["manager"],
            "required": True,
            "questions": [
                {
                    "key": "q-ready",
                    "text": "Ready for more responsibility?",
                    "options": ["Now", "In a year", "Not yet"],
                }
            ],
        },
        {
            "kind": "goals",
            "title": "Goals",
            "rater_kinds": ["self"],
            "required": False,
            "questions": [{"key": "q-goals", "text": "Which goal taught you most?"}],
        },
    ]


@pytest.fixture
def template(world):
    with in_org(world.org):
        return review_services.review_template_create(
            actor=world.system, name="Annual review", sections=sections()
        )


@pytest.fixture
def launched(world, template):
    with in_org(world.org):
        cycle_services.cycle_update(actor=world.system, cycle=world.cycle, review_template=template)
    world.launch()
    return template


def test_sections_are_validated_with_per_field_messages(world):
    bad = [
        {"kind": "poll", "rater_kinds": ["self"]},
        {"kind": "open", "rater_kinds": ["boss"], "questions": [{"text": ""}]},
        {
            "kind": "choice",
            "rater_kinds": ["self"],
            "questions": [{"text": "A?", "options": ["x"]}],
        },
    ]
    with in_org(world.org), pytest.raises(ApplicationError) as error:
        review_services.review_template_create(actor=world.system, name="Bad", sections=bad)
    assert error.value.code == "invalid"
    assert set(error.value.fields) == {
        "sections.0.kind",
        "sections.1.rater_kinds",
        "sections.1.questions.0.text",
        "sections.2.questions.0.options",
    }


def test_only_hr_builds_templates(world):
    with in_org(world.org), pytest.raises(ApplicationError) as error:
        review_services.review_template_create(
            actor=actor_of(world.employee), name="Mine", sections=sections()
        )
    assert error.value.status == 403


def test_every_change_is_a_version_and_keys_are_kept(world, template):
    assert template.version == 1
    assert all(s["key"] for s in template.sections)
    with in_org(world.org):
        changed = sections()
        changed[1]["questions"][0]["text"] = "What should they keep doing, and why?"
        template = review_services.review_template_update(
            actor=world.system, template=template, sections=changed
        )
        same = review_services.review_template_update(
            actor=world.system, template=template, description="Used every January."
        )
        numbers = list(
            ReviewTemplateVersion.objects.filter(template=template).values_list("number", flat=True)
        )
        audited = AuditEvent.objects.filter(action="review_template.updated").count()
    assert template.version == same.version == 2
    assert sorted(numbers) == [1, 2]
    assert audited == 2


def test_a_cycle_keeps_the_version_it_launched_with(world, launched):
    with in_org(world.org):
        changed = sections()
        changed[1]["questions"] = [{"key": "q-new", "text": "A question added later"}]
        review_services.review_template_update(
            actor=world.system, template=launched, sections=changed
        )
        assessment = Assessment.objects.select_related("cycle").get(
            cycle=world.cycle, rater=world.employee.employee, kind="self"
        )
        asked = [
            q["key"]
            for s in review_selectors.question_sections(assessment=assessment)
            for q in s["questions"]
        ]
        world.cycle.refresh_from_db()
        assert world.cycle.review_template_version.number == 1
    assert asked == ["q-keep", "q-change", "q-collab", "q-goals"]


def test_the_template_is_fixed_once_launched(world, launched):
    with in_org(world.org):
        other = review_services.review_template_create(
            actor=world.system, name="Other", sections=sections()
        )
        with pytest.raises(ApplicationError) as error:
            cycle_services.cycle_update(
                actor=world.system, cycle=world.cycle, review_template=other
            )
    assert error.value.code == "cycle_not_draft"


def test_each_rater_kind_is_asked_its_sections(world, launched):
    self_assessment = world.assessment(rater=world.employee, kind="self")
    manager = world.assessment(rater=world.manager, kind="manager")
    with in_org(world.org):
        mine = [s["title"] for s in review_selectors.question_sections(assessment=self_assessment)]
        theirs = [s["title"] for s in review_selectors.question_sections(assessment=manager)]
    assert mine == ["Looking back", "Collaboration", "Goals"]
    assert theirs == ["Looking back", "Collaboration", "Readiness"]


def test_required_questions_are_enforced_on_submit(world, launched):
    assessment = world.assessment(rater=world.employee, kind="self")
    world.rate(world.employee, assessment, {0: 3, 1: 3, 2: 3})
    with in_org(world.org):
        review_services.answers_save(
            actor=actor_of(world.employee), assessment=assessment, answers={"q-keep": "Listening"}
        )
        with pytest.raises(ApplicationError) as error:
            rating_submit(world, world.employee, assessment)
        assert error.value.code == "incomplete"
        assert set(error.value.fields) == {"q-change"}  # optional rating question not needed
        review_services.answers_save(
            actor=actor_of(world.employee),
            assessment=assessment,
            answers={"q-change": "Write things down", "q-collab": 4},
        )
        rating_submit(world, world.employee, assessment)
        assessment.refresh_from_db()
    assert assessment.status == "submitted"


def test_capabilities_and_questions_are_reported_together(world, launched):
    assessment = world.assessment(rater=world.manager, kind="manager")
    world.rate(world.manager, assessment, {0: 3})
    with in_org(world.org), pytest.raises(ApplicationError) as error:
        rating_submit(world, world.manager, assessment)
    keys = set(error.value.fields)
    assert {"q-keep", "q-change", "q-ready"} <= keys
    assert {"complaint-resolution", "negotiation"} <= keys


def test_a_kind_without_the_capability_section_rates_nothing(world, template):
    with in_org(world.org):
        changed = sections(required=False)
        changed[0]["rater_kinds"] = ["manager"]
        review_services.review_template_update(
            actor=world.system, template=template, sections=changed
        )
        cycle_services.cycle_update(actor=world.system, cycle=world.cycle, review_template=template)
    world.launch()
    assessment = world.assessment(rater=world.employee, kind="self")
    with in_org(world.org):
        with pytest.raises(ApplicationError) as error:
            world.rate(world.employee, assessment, {0: 3})
        assert error.value.code == "capability_not_in_scope"
        rating_submit(world, world.employee, assessment)  # nothing required
        assessment.refresh_from_db()
    assert assessment.status == "submitted"


def test_answers_are_validated(world, launched):
    assessment = world.assessment(rater=world.manager, kind="manager")
    with in_org(world.org), pytest.raises(ApplicationError) as error:
        review_services.answers_save(
            actor=actor_of(world.manager),
            assessment=assessment,
            answers={"q-collab": 9, "q-ready": "Tomorrow", "q-goals": "Not asked of managers"},
        )
    assert error.value.fields == {
        "q-collab": ["Choose a level from 1 to 5."],
        "q-ready": ["Choose one of the options."],
        "q-goals": ["Not a question of this assessment."],
    }
    with in_org(world.org):
        assert not ReviewAnswer.objects.exists()


def test_only_the_rater_answers_and_not_after_submitting(world, launched):
    assessment = world.assessment(rater=world.manager, kind="manager")
    with in_org(world.org), pytest.raises(ApplicationError) as error:
        review_services.answers_save(
            actor=actor_of(world.employee), assessment=assessment, answers={"q-keep": "Mine"}
        )
    assert error.value.code == "not_rater"
    own = world.assessment(rater=world.employee, kind="self")
    with in_org(world.org):
        review_services.answers_save(
            actor=actor_of(world.employee),
            assessment=own,
            answers={"q-keep": "a", "q-change": "b"},
        )
    world.rate(world.employee, own, {0: 3, 1: 3, 2: 3}, submit=True)
    with in_org(world.org), pytest.raises(ApplicationError) as error:
        review_services.answers_save(
            actor=actor_of(world.employee), assessment=own, answers={"q-keep": "later"}
        )
    assert error.value.code == "assessment_locked"


def test_a_cycle_without_a_template_asks_the_capabilities_as_before(world):
    world.launch()
    assessment = world.assessment(rater=world.employee, kind="self")
    with in_org(world.org):
        assert review_selectors.question_sections(assessment=assessment) == []
    world.rate(world.employee, assessment, {0: 3, 1: 3, 2: 3}, submit=True)


def rating_submit(world, member, assessment):
    from assessments.services import ratings as rating_services

    rating_services.assessment_submit(actor=actor_of(member), assessment=assessment)
