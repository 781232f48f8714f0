"""Writes of learning, one module per concept: `catalogue` (items and settings), `builds`
(development plans built from gaps), `plans` (a plan's workflow and progress) and
`completions` (from an LMS).

Every function takes the acting `Actor`, checks it may act, keeps related objects inside the
organization, runs in one transaction and records history in the audit trail.
"""
