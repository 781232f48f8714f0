"""Check-ins: recurring 1:1s with progress review, obstacles, priorities and action items."""
