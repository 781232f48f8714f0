"""API key scopes: `<area>:read` and `<area>:write` per area of the API."""

AREAS = (
    "people",
    "capabilities",
    "assessments",
    "goals",
    "learning",
    "workflows",
    "notifications",
    "webhooks",
    "audit",
    "privacy",
)
ALL_SCOPES = tuple(f"{area}:{access}" for area in AREAS for access in ("read", "write"))
