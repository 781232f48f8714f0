"""API of this app; `register(router)` adds its resources to /api/v1/."""


def register(router) -> None:
    """Resources of this app are registered here as they are built."""
