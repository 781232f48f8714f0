"""API key scopes: `<area>:read` and `<area>:write` per area of the API (an area whose writes
have their own name says so in WRITE_ACCESS: `ratings:import`)."""

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
    "ratings",
    "compensation",
    "talent",
    "surveys",
)
# Ratings from other systems are imported, never written as a person's own rating.
WRITE_ACCESS = {"ratings": "import"}


def scopes_of(area: str) -> tuple[str, str]:
    """The read and the write scope of an area."""
    return f"{area}:read", f"{area}:{WRITE_ACCESS.get(area, 'write')}"


ALL_SCOPES = tuple(scope for area in AREAS for scope in scopes_of(area))
