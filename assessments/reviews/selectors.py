"""Reads of review templates and answers, and who may see which answers.

Answers follow the assessments' visibility, and anonymous raters stay anonymous:
- a named answer (self, manager, expert) is seen by whoever may see that assessment: the
  employee their own self-assessment's, the employee's managers and HR admins all of them;
- peer answers are never shown one by one with a name: on results they are pooled per
  question (mean and spread of ratings, counts of options, comments in no particular order)
  and withheld entirely while fewer peers than the cycle's minimum submitted (anonymous
  cycles). Exports leave the rater's name out for them and withhold them likewise.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from statistics import mean

from django.db.models import Count, Q, QuerySet

from assessments.models import Assessment, AssessmentCycle, Rating
from assessments.reviews import schema
from assessments.reviews.models import ReviewAnswer, ReviewTemplate, ReviewTemplateVersion
from goals.models import Goal
from goals.selectors import goal_list
from plms.common.ids import parse_public_id
from plms.people.models import Employee
from plms.people.selectors import is_manager_of
from plms.tenancy.actors import Actor

# Kinds whose answers are pooled without names, with a minimum number of respondents.
POOLED_KINDS = ("peer", "upward")
KIND_LABELS = {
    "self": "Self",
    "manager": "Manager",
    "peer": "Peers",
    "expert": "Expert",
    "upward": "Reports (upward)",
}


def pooled_minimum(cycle: AssessmentCycle, kind: str) -> int:
    """How many respondents of a pooled kind must have submitted before anything of theirs
    is shown (1: no minimum)."""
    if kind == Assessment.Kind.UPWARD:
        return cycle.min_upward
    return cycle.min_peers if cycle.peer_anonymous else 1


# --- Templates -------------------------------------------------------------------------------


def review_template_list(
    *, search: str = "", archived: bool | None = False
) -> QuerySet[ReviewTemplate]:
    queryset = ReviewTemplate.objects.all()
    if archived is not None:
        queryset = queryset.filter(archived=archived)
    for word in search.split():
        queryset = queryset.filter(Q(name__icontains=word) | Q(description__icontains=word))
    return queryset.order_by("name", "id")


def review_template_get(*, uuid) -> ReviewTemplate | None:
    return ReviewTemplate.objects.filter(uuid=uuid).first()


def review_template_choices() -> QuerySet[ReviewTemplate]:
    """Templates a cycle may use (not archived)."""
    return review_template_list(archived=False).only("id", "uuid", "name", "version")


def review_template_versions(*, template: ReviewTemplate) -> QuerySet[ReviewTemplateVersion]:
    return ReviewTemplateVersion.objects.filter(template=template).order_by("-number")


# --- One assessment --------------------------------------------------------------------------


def cycle_sections(cycle: AssessmentCycle) -> list[dict] | None:
    """The sections of the template version the cycle launched with (before launch: the
    template's current ones); None when the cycle uses no template."""
    if cycle.review_template_version_id is not None:
        return cycle.review_template_version.sections  # type: ignore[union-attr]
    if cycle.review_template_id is not None:
        return cycle.review_template.sections  # type: ignore[union-attr]
    return None


def assessment_sections(assessment: Assessment) -> list[dict]:
    """The sections the assessment's rater is asked (their kind's); without a template, the
    capability ratings alone, required."""
    sections = cycle_sections(assessment.cycle)
    if sections is None:
        return [
            {
                "key": "",
                "kind": schema.CAPABILITIES,
                "title": "",
                "help_text": "",
                "rater_kinds": [assessment.kind],
                "required": True,
                "questions": [],
            }
        ]
    return schema.sections_for(sections, assessment.kind)


def capability_section(assessment: Assessment) -> dict | None:
    """The capability ratings section the rater is asked, or None (no ratings asked)."""
    return next(
        (s for s in assessment_sections(assessment) if s["kind"] == schema.CAPABILITIES), None
    )


def answers_of(assessment: Assessment) -> dict[str, ReviewAnswer]:
    return {a.question_key: a for a in ReviewAnswer.objects.filter(assessment=assessment)}


def missing_answers(assessment: Assessment) -> dict[str, str]:
    """{question key: "Not answered."} for the required questions left unanswered."""
    answers = answers_of(assessment)
    return {
        question["key"]: "Not answered."
        for section, question in schema.questions_of(assessment_sections(assessment))
        if section["required"]
        and (question["key"] not in answers or answers[question["key"]].is_empty)
    }


def answer_display(answer: ReviewAnswer | None) -> str:
    if answer is None:
        return ""
    if answer.level is not None:
        return str(answer.level)
    return answer.choice or answer.text


def question_sections(
    *, assessment: Assessment, posted: dict[str, str] | None = None
) -> list[dict]:
    """The question sections of the rating form (capability ratings excluded), each question
    with the saved answer (or what was just posted)."""
    answers = answers_of(assessment)
    result = []
    for section in assessment_sections(assessment):
        if section["kind"] == schema.CAPABILITIES:
            continue
        questions = []
        for question in section["questions"]:
            answer = answers.get(question["key"])
            value = answer_display(answer)
            if posted is not None and question["key"] in posted:
                value = posted[question["key"]]
            questions.append({**question, "value": value})
        result.append({**section, "questions": questions})
    return result


def reflection_goals(*, actor: Actor, employee: Employee, limit: int = 10) -> list[Goal]:
    """The employee's active and completed goals a goal reflection looks back on, those the
    actor may see (their own rules: a peer sees shared goals, never personal ones)."""
    goals = goal_list(actor=actor, owner_employee=employee).filter(
        status__in=(Goal.Status.ACTIVE, Goal.Status.COMPLETED)
    )
    return list(goals[:limit])


# --- Answers shown on results, calibration and exports -------------------------------------


@dataclass
class Pool:
    """The pooled answers of one anonymous kind (peers, reports) to one question."""

    kind: str
    label: str
    count: int = 0
    hidden: bool = False  # fewer respondents than the minimum: nothing is shown
    detailed: bool = True  # the distribution (HR; everyone for peers) or the aggregate only
    mean: float | None = None
    levels: list[tuple[int, int]] = field(default_factory=list)  # (level, count)
    choices: list[tuple[str, int]] = field(default_factory=list)  # (option, count)
    top_choice: str = ""
    comments: list[str] = field(default_factory=list)


@dataclass
class QuestionAnswers:
    section: dict
    question: dict
    named: list[dict] = field(default_factory=list)  # {who, text, kind}
    pools: list[Pool] = field(default_factory=list)


def _sees_named(actor: Actor, employee: Employee, kind: str) -> bool:
    if actor.is_admin:
        return True
    viewer = actor.employee
    if viewer is None:
        return False
    if viewer.pk == employee.pk:
        return kind == "self"
    return is_manager_of(manager=viewer, employee=employee)


def respondents(*, cycle: AssessmentCycle, employee: Employee) -> dict[str, int]:
    """{pooled kind: submitted assessments of the employee} (one query)."""
    counts = Counter(
        Assessment.objects.filter(
            cycle=cycle,
            employee=employee,
            kind__in=POOLED_KINDS,
            status=Assessment.Status.SUBMITTED,
        ).values_list("kind", flat=True)
    )
    return {kind: counts.get(kind, 0) for kind in POOLED_KINDS}


@dataclass(frozen=True)
class SubmittedAnswers:
    """What a submission says of the rater's answers, for the event it publishes: how many
    questions they were asked and answered, whether they answered as one of a pool (peers,
    reports about their manager: then nothing names them and their own count is left out),
    and whether the pool's answers are shown now (enough respondents submitted)."""

    questions: int
    answered: int | None
    pooled: bool
    respondents_shown: bool


def submitted_answers(*, assessment: Assessment) -> SubmittedAnswers | None:
    """The answers of a submitted assessment, or None when its rater was asked no question."""
    questions = schema.questions_of(assessment_sections(assessment))
    if not questions:
        return None
    kind = assessment.kind
    if kind in POOLED_KINDS:
        submitted = respondents(cycle=assessment.cycle, employee=assessment.employee)[kind]
        return SubmittedAnswers(
            questions=len(questions),
            answered=None,
            pooled=True,
            respondents_shown=submitted >= pooled_minimum(assessment.cycle, kind),
        )
    answers = answers_of(assessment)
    answered = sum(
        1 for _, q in questions if q["key"] in answers and not answers[q["key"]].is_empty
    )
    return SubmittedAnswers(
        questions=len(questions), answered=answered, pooled=False, respondents_shown=True
    )


def results_cycle(*, employee: Employee, raw_id: object = None) -> AssessmentCycle | None:
    """The cycle whose answers about the employee are asked for (`raw_id`, a public id), or
    by default the latest closed cycle that assessed them."""
    queryset = AssessmentCycle.objects.select_related("review_template_version")
    if raw_id is not None:
        uuid = parse_public_id(raw_id)
        return queryset.filter(uuid=uuid).first() if uuid is not None else None
    return (
        queryset.filter(
            status=AssessmentCycle.Status.CLOSED,
            assessments__employee=employee,
        )
        .order_by("-period_end", "-id")
        .first()
    )


def answers_for_results(
    *, actor: Actor, employee: Employee, cycle: AssessmentCycle
) -> list[QuestionAnswers]:
    """Every question of the cycle's template with the submitted answers about `employee`
    the actor may see (the caller has checked that the actor may see the results).
    Anonymous kinds are pooled per question and withheld below their minimum number of
    respondents; of the upward review the manager reviewed (and their managers) see the
    aggregate only, HR the distribution. Three queries."""
    sections = cycle_sections(cycle)
    if not sections:
        return []
    answers = list(
        ReviewAnswer.objects.filter(
            assessment__cycle=cycle,
            assessment__employee=employee,
            assessment__status=Assessment.Status.SUBMITTED,
        ).select_related("assessment", "assessment__rater")
    )
    submitted = respondents(cycle=cycle, employee=employee)
    by_question: dict[str, list[ReviewAnswer]] = defaultdict(list)
    for answer in answers:
        by_question[answer.question_key].append(answer)
    named_allowed = {
        kind: _sees_named(actor, employee, kind) for kind in ("self", "manager", "expert")
    }
    result = []
    for section, question in schema.questions_of(sections):
        row = QuestionAnswers(section=section, question=question)
        pooled: dict[str, list[ReviewAnswer]] = defaultdict(list)
        for answer in by_question.get(question["key"], []):
            kind = answer.assessment.kind
            if answer.is_empty:
                continue
            if kind in POOLED_KINDS:
                pooled[kind].append(answer)
            elif named_allowed.get(kind):
                who = (
                    KIND_LABELS[kind]
                    if kind == "self"
                    else f"{KIND_LABELS[kind]}: {answer.assessment.rater.full_name}"
                )
                row.named.append({"who": who, "text": answer_display(answer), "kind": kind})
        row.named.sort(key=lambda item: (item["who"], item["text"]))
        for kind in POOLED_KINDS:
            if kind not in section["rater_kinds"] or not submitted[kind]:
                continue
            row.pools.append(
                _pool(
                    kind,
                    pooled[kind],
                    section["kind"],
                    question,
                    hidden=submitted[kind] < pooled_minimum(cycle, kind),
                    detailed=kind != Assessment.Kind.UPWARD or actor.is_admin,
                )
            )
        result.append(row)
    return result


def _pool(
    kind: str,
    answers: list[ReviewAnswer],
    section_kind: str,
    question: dict,
    *,
    hidden: bool,
    detailed: bool,
) -> Pool:
    pool = Pool(kind=kind, label=KIND_LABELS[kind], count=len(answers), hidden=hidden)
    pool.detailed = detailed
    if hidden or not answers:
        return pool
    if section_kind == schema.RATING:
        levels = [a.level for a in answers if a.level is not None]
        pool.mean = round(mean(levels), 2) if levels else None
        if detailed:
            pool.levels = sorted(Counter(levels).items())
    elif section_kind == schema.CHOICE:
        counts = Counter(a.choice for a in answers)
        pool.top_choice = counts.most_common(1)[0][0] if counts else ""
        if detailed:
            pool.choices = [(o, counts.get(o, 0)) for o in question.get("options", [])]
    else:
        # No particular order: alphabetical, never the order the raters answered in.
        pool.comments = sorted(a.text for a in answers)
    return pool


def upward_capability_summary(
    *, actor: Actor, cycle: AssessmentCycle, employee: Employee
) -> list[dict]:
    """The reports' upward ratings of a manager per capability, pooled: the mean and (HR)
    the spread of levels; nothing below the cycle's minimum of respondents. One query
    beside `respondents`."""
    count = respondents(cycle=cycle, employee=employee)[Assessment.Kind.UPWARD]
    if not count:
        return []
    rows = (
        Rating.objects.filter(
            assessment__cycle=cycle,
            assessment__employee=employee,
            assessment__kind=Assessment.Kind.UPWARD,
            assessment__status=Assessment.Status.SUBMITTED,
            level__isnull=False,
        )
        .values_list("capability__name", "level")
        .order_by("capability__name")
    )
    hidden = count < cycle.min_upward
    grouped: dict[str, list[int]] = defaultdict(list)
    for name, level in rows:
        if level is not None:
            grouped[name].append(level)
    return [
        {
            "capability": name,
            "count": len(levels),
            "hidden": hidden,
            "mean": None if hidden else round(mean(levels), 2),
            "levels": sorted(Counter(levels).items()) if actor.is_admin and not hidden else [],
        }
        for name, levels in grouped.items()
    ]


def _withheld_pools(cycle: AssessmentCycle) -> set[tuple[int, str]]:
    """(employee id, pooled kind) of the pools below their minimum of respondents in the
    cycle: nothing of theirs is shown, not even mixed into the cycle's totals (subtracting a
    person's shown pool from the totals would reveal the others). One query."""
    counts = (
        Assessment.objects.filter(
            cycle=cycle, kind__in=POOLED_KINDS, status=Assessment.Status.SUBMITTED
        )
        .values("employee_id", "kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {
        (row["employee_id"], row["kind"])
        for row in counts
        if row["n"] < pooled_minimum(cycle, row["kind"])
    }


def cycle_answer_summary(*, cycle: AssessmentCycle) -> list[dict]:
    """Calibration's view of the answers of a cycle (HR): per question and rater kind, how
    many answered, and for rating questions the mean, for multiple choice each option's count.
    Peers' and reports' answers about a person count only once enough of them submitted.
    Two queries."""
    sections = cycle_sections(cycle)
    if not sections:
        return []
    withheld = _withheld_pools(cycle)
    rows = ReviewAnswer.objects.filter(
        assessment__cycle=cycle, assessment__status=Assessment.Status.SUBMITTED
    ).values_list(
        "question_key", "assessment__kind", "assessment__employee_id", "level", "choice", "text"
    )
    grouped: dict[tuple[str, str], list[tuple]] = defaultdict(list)
    for key, kind, employee_id, level, choice, text in rows:
        if (employee_id, kind) in withheld:
            continue
        grouped[key, kind].append((level, choice, text))
    summary = []
    for section, question in schema.questions_of(sections):
        kinds = []
        for kind in section["rater_kinds"]:
            values = grouped.get((question["key"], kind), [])
            answered = [v for v in values if v[0] is not None or v[1] or v[2].strip()]
            levels = [v[0] for v in answered if v[0] is not None]
            counts = Counter(v[1] for v in answered if v[1])
            kinds.append(
                {
                    "kind": KIND_LABELS.get(kind, kind),
                    "answered": len(answered),
                    "mean": round(mean(levels), 2) if levels else None,
                    "choices": [(o, counts.get(o, 0)) for o in question.get("options", [])],
                }
            )
        summary.append({"section": section, "question": question, "kinds": kinds})
    return summary


def answers_for_export(*, cycle: AssessmentCycle) -> Iterable[dict]:
    """The cycle's submitted answers, one row per person, rater and question, for the HR
    export: peers and reports about their manager without their names, withheld for a person
    while fewer of them than the cycle's minimum answered, and listed by question and answer,
    never one respondent's answers together or in the order the assessments were made (which
    follows the raters)."""
    sections = cycle_sections(cycle) or []
    questions = {q["key"]: (s, q) for s, q in schema.questions_of(sections)}
    position = {key: index for index, key in enumerate(questions)}
    answers = (
        ReviewAnswer.objects.filter(
            assessment__cycle=cycle, assessment__status=Assessment.Status.SUBMITTED
        )
        .select_related(
            "assessment",
            "assessment__employee",
            "assessment__employee__department",
            "assessment__rater",
        )
        .order_by(
            "assessment__employee__last_name",
            "assessment__employee__first_name",
            "assessment__employee_id",
            "assessment__kind",
            "assessment_id",
            "id",
        )
    )
    pooled_counts = Counter(
        Assessment.objects.filter(
            cycle=cycle, status=Assessment.Status.SUBMITTED, kind__in=POOLED_KINDS
        ).values_list("employee_id", "kind")
    )
    pool: list[dict] = []  # the rows of one person's pool of one kind, sorted when complete
    pool_of: tuple[int, str] | None = None
    for answer in answers.iterator(chunk_size=2000):
        assessment = answer.assessment
        group = (assessment.employee_id, assessment.kind)
        if pool and group != pool_of:
            yield from sorted(pool, key=lambda r: (position[r["question_key"]], r["answer"]))
            pool = []
        if answer.question_key not in questions or answer.is_empty:
            continue
        pooled = assessment.kind in POOLED_KINDS
        minimum = pooled_minimum(cycle, assessment.kind) if pooled else 0
        if pooled and pooled_counts[group] < minimum:
            continue
        section, question = questions[answer.question_key]
        row = {
            "employee": assessment.employee,
            "rater_kind": assessment.kind,
            "rater": "" if pooled else assessment.rater.full_name,
            "section": section["title"],
            "question_key": question["key"],
            "question": question["text"],
            "answer": answer_display(answer),
        }
        if pooled:
            pool.append(row)
            pool_of = group
        else:
            yield row
    yield from sorted(pool, key=lambda r: (position[r["question_key"]], r["answer"]))


def cycles_using(*, template: ReviewTemplate) -> QuerySet[AssessmentCycle]:
    return (
        AssessmentCycle.objects.filter(review_template=template)
        .select_related("review_template_version")
        .order_by("-period_end", "-id")
    )
