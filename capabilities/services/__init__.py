"""Writes of the capability library, one module per concept: `scales`, `library` (categories,
capabilities, adoption, merges), `frameworks` (versions) and `roles` (job roles, requirements,
key results, assignments).

Every function takes the acting `Actor`, checks it may act (HR admins; API keys within their
scopes), keeps related objects inside the organization, runs in one transaction and records the
change with its before/after in the audit trail.
"""
