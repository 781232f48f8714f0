"""The shape of a review template: a list of sections, each

    {"key": "s-…", "kind": one of SECTION_KINDS, "title": "…", "help_text": "…",
     "rater_kinds": ["self", "manager", …], "required": true,
     "questions": [{"key": "q-…", "text": "…", "help_text": "…", "options": ["…", …]}]}

`capabilities` is the capability ratings (as without a template) and has no questions;
`open` and `goals` (goal reflections, with the employee's goals shown beside) are answered in
words; `rating` on the organisation's competency scale; `choice` by one of the section's
`options`. Keys are made once and kept, so answers compare across versions.
"""

from __future__ import annotations

import uuid
from typing import Any

from assessments.models import RATER_KINDS
from plms.common.error_codes import INVALID
from plms.common.errors import ApplicationError

CAPABILITIES, OPEN, RATING, CHOICE, GOALS = "capabilities", "open", "rating", "choice", "goals"
SECTION_KINDS = (CAPABILITIES, OPEN, RATING, CHOICE, GOALS)
SECTION_KIND_LABELS = {
    CAPABILITIES: "Capability ratings",
    OPEN: "Open questions",
    RATING: "Rating questions",
    CHOICE: "Multiple choice",
    GOALS: "Goal reflections",
}
# Who may be asked a section: the cycle's rater kinds.
SECTION_RATER_KINDS: tuple[str, ...] = RATER_KINDS
MAX_SECTIONS = 30
MAX_QUESTIONS = 30
MAX_OPTIONS = 12


def new_key(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def _text(value: Any, limit: int) -> str:
    return str(value or "").strip()[:limit]


def clean_sections(raw: Any) -> list[dict]:
    """Validated sections with keys filled in; refuses the whole list with per-field messages
    (`sections.2.questions.0.text`) when any part is wrong."""
    if not isinstance(raw, list):
        raise ApplicationError(INVALID, "Sections are a list.", fields={"sections": "A list."})
    problems: dict[str, str] = {}
    if len(raw) > MAX_SECTIONS:
        problems["sections"] = f"At most {MAX_SECTIONS} sections."
    sections: list[dict] = []
    seen: set[str] = set()
    capability_sections = 0
    for index, section in enumerate(raw[:MAX_SECTIONS]):
        where = f"sections.{index}"
        if not isinstance(section, dict):
            problems[where] = "A section is an object."
            continue
        kind = section.get("kind")
        if kind not in SECTION_KINDS:
            problems[f"{where}.kind"] = "One of: " + ", ".join(SECTION_KINDS) + "."
            continue
        title = _text(section.get("title"), 200) or SECTION_KIND_LABELS[kind]
        kinds = section.get("rater_kinds")
        if (
            not isinstance(kinds, list)
            or not kinds
            or any(k not in SECTION_RATER_KINDS for k in kinds)
        ):
            problems[f"{where}.rater_kinds"] = (
                "Choose from: " + ", ".join(SECTION_RATER_KINDS) + "."
            )
            kinds = []
        key = _text(section.get("key"), 40) or new_key("s")
        if key in seen:
            problems[f"{where}.key"] = "Keys are unique in the template."
        seen.add(key)
        cleaned: dict = {
            "key": key,
            "kind": kind,
            "title": title,
            "help_text": _text(section.get("help_text"), 1000),
            "rater_kinds": [k for k in SECTION_RATER_KINDS if k in kinds],
            "required": bool(section.get("required", True)),
            "questions": [],
        }
        if kind == CAPABILITIES:
            capability_sections += 1
            if capability_sections > 1:
                problems[where] = "One capability ratings section at most."
            sections.append(cleaned)
            continue
        questions = section.get("questions")
        if not isinstance(questions, list) or not questions:
            problems[f"{where}.questions"] = "Ask at least one question."
            questions = []
        if len(questions) > MAX_QUESTIONS:
            problems[f"{where}.questions"] = f"At most {MAX_QUESTIONS} questions."
        for number, question in enumerate(questions[:MAX_QUESTIONS]):
            at = f"{where}.questions.{number}"
            if isinstance(question, str):
                question = {"text": question}
            if not isinstance(question, dict):
                problems[at] = "A question is an object."
                continue
            text = _text(question.get("text"), 500)
            if not text:
                problems[f"{at}.text"] = "Write the question."
            qkey = _text(question.get("key"), 40) or new_key("q")
            if qkey in seen:
                problems[f"{at}.key"] = "Keys are unique in the template."
            seen.add(qkey)
            item: dict[str, Any] = {
                "key": qkey,
                "text": text,
                "help_text": _text(question.get("help_text"), 1000),
            }
            if kind == CHOICE:
                options = question.get("options")
                if options is None:
                    options = section.get("options")
                options = [_text(o, 200) for o in (options if isinstance(options, list) else [])]
                options = [o for o in dict.fromkeys(options) if o]
                if len(options) < 2 or len(options) > MAX_OPTIONS:
                    problems[f"{at}.options"] = f"Give 2 to {MAX_OPTIONS} different options."
                item["options"] = options
            cleaned["questions"].append(item)
        sections.append(cleaned)
    if problems:
        raise ApplicationError(INVALID, "The template's sections are invalid.", fields=problems)
    return sections


def sections_for(sections: list[dict], kind: str) -> list[dict]:
    """The sections a rater of `kind` is asked, in order."""
    return [s for s in sections if kind in s.get("rater_kinds", [])]


def questions_of(sections: list[dict]) -> list[tuple[dict, dict]]:
    """(section, question) pairs of the sections' questions, in order."""
    return [(s, q) for s in sections for q in s.get("questions", [])]
