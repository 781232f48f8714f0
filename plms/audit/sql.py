"""SQL of the audit log's database side (used by its migrations and `plms.audit.retention`)."""

from __future__ import annotations

MINIMUM_RETENTION_DAYS = 30

PURGE_FUNCTION_SQL = f"""
CREATE OR REPLACE FUNCTION audit_purge_expired(org bigint, cutoff timestamptz, batch integer)
RETURNS integer
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path FROM CURRENT
AS $$
DECLARE
    removed integer;
BEGIN
    cutoff := least(cutoff, now() - interval '{MINIMUM_RETENTION_DAYS} days');
    DELETE FROM audit_auditevent WHERE id IN (
        SELECT id FROM audit_auditevent
        WHERE organization_id = org AND created_at < cutoff
        ORDER BY id LIMIT batch
    );
    GET DIAGNOSTICS removed = ROW_COUNT;
    RETURN removed;
END
$$
"""
DROP_PURGE_FUNCTION_SQL = (
    "DROP FUNCTION IF EXISTS audit_purge_expired(bigint, timestamptz, integer)"
)
