"""The shipped question library: the eNPS question and a short engagement set.

An organisation copies these into its survey (`library_key` remembers which); the text of a
copy is the organisation's to edit, the key keeps the results comparable across surveys.
"""

from __future__ import annotations

from typing import Any

AGREE = {
    "scale_min": 1,
    "scale_max": 5,
    "low_label": "Strongly disagree",
    "high_label": "Strongly agree",
}

LIBRARY: dict[str, dict[str, Any]] = {
    "enps": {
        "text": "How likely are you to recommend this organisation as a place to work?",
        "kind": "enps",
        "scale_min": 0,
        "scale_max": 10,
        "low_label": "Not at all likely",
        "high_label": "Extremely likely",
    },
    "engagement_proud": {
        "text": "I am proud to work for this organisation.",
        "kind": "scale",
        **AGREE,
    },
    "engagement_recognition": {
        "text": "I receive recognition for doing good work.",
        "kind": "scale",
        **AGREE,
    },
    "engagement_growth": {
        "text": "I have opportunities to learn and grow here.",
        "kind": "scale",
        **AGREE,
    },
    "engagement_manager": {
        "text": "My manager helps me remove obstacles.",
        "kind": "scale",
        **AGREE,
    },
    "engagement_workload": {"text": "My workload is manageable.", "kind": "scale", **AGREE},
    "comment": {
        "text": "What one thing would most improve working here?",
        "kind": "text",
        "required": False,
    },
}

# The engagement set, in the order it is asked.
ENGAGEMENT_SET = (
    "engagement_proud",
    "engagement_recognition",
    "engagement_growth",
    "engagement_manager",
    "engagement_workload",
)
PULSE_SET = ("enps", *ENGAGEMENT_SET, "comment")


def library_items() -> list[tuple[str, dict[str, Any]]]:
    return list(LIBRARY.items())
