"""Signals of the tenancy directory, for the audit log to record (it listens; tenancy does not
know it). Sent after the change, inside its transaction."""

from __future__ import annotations

from django.dispatch import Signal

# membership, change ("created" | "role_changed"), before (the previous role or None)
membership_changed = Signal()
# key, change ("created" | "first_used" | "revoked"), by (the user who did it, or None)
api_key_changed = Signal()
