"""Error codes of the audit trail. Reading it can only be refused for the reasons any
operation can (`invalid` filters, `permission_denied`, `not_found`): it defines none of its
own, and names the ones its API answers with here."""

from __future__ import annotations

from plms.common.error_codes import INVALID, NOT_FOUND, PERMISSION_DENIED

__all__ = ["INVALID", "NOT_FOUND", "PERMISSION_DENIED"]
