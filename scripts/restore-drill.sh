#!/usr/bin/env bash
# Restore drill: prove that a backup of the PLMS database restores.
#
#   scripts/restore-drill.sh postgres://postgres@db:5432/plms [scratch-database-name]
#
# 1. takes a logical backup (pg_dump, custom format) of the database;
# 2. restores it into a scratch database on the same server;
# 3. compares every table's row count between the two and checks that every table with
#    row-level security still has it forced;
# 4. drops the scratch database and prints how long each step took.
#
# Connect as a role that reads every row: a superuser or a BYPASSRLS role. As the owner role
# pg_dump stops at the first table with FORCE ROW LEVEL SECURITY, and as the application role
# it would back up nothing. Exit status 0 only when everything matched. Only the server named
# in the URL is touched; the scratch database is dropped at the end, whatever happened.
set -euo pipefail

SOURCE_URL=${1:?usage: $0 postgres://superuser@host:port/database [scratch-database]}
SCRATCH=${2:-plms_restore_drill}
BASE_URL=${SOURCE_URL%/*}
ADMIN_URL="$BASE_URL/postgres"
SCRATCH_URL="$BASE_URL/$SCRATCH"
WORK=$(mktemp -d)

cleanup() {
  psql -q "$ADMIN_URL" -c "DROP DATABASE IF EXISTS \"$SCRATCH\" WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

now() { date +%s.%N; }
took() { awk -v end="$(now)" -v start="$1" 'BEGIN { printf "%.1f s", end - start }'; }

COUNTS="SELECT table_name, (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', table_schema, table_name), false, true, '')))[1]::text
        FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1"
FORCED="SELECT relname FROM pg_class WHERE relkind = 'r' AND relrowsecurity AND relforcerowsecurity
        AND relnamespace = 'public'::regnamespace ORDER BY 1"

start=$(now)
pg_dump --format=custom --file "$WORK/plms.dump" "$SOURCE_URL"
echo "backup:  $(du -h "$WORK/plms.dump" | cut -f1) in $(took "$start")"

start=$(now)
psql -q -v ON_ERROR_STOP=1 "$ADMIN_URL" -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS \"$SCRATCH\"" -c "CREATE DATABASE \"$SCRATCH\""
pg_restore --exit-on-error --dbname "$SCRATCH_URL" "$WORK/plms.dump"
echo "restore: $(took "$start")"

psql -At "$SOURCE_URL" -c "$COUNTS" >"$WORK/source.counts"
psql -At "$SCRATCH_URL" -c "$COUNTS" >"$WORK/restored.counts"
psql -At "$SOURCE_URL" -c "$FORCED" >"$WORK/source.rls"
psql -At "$SCRATCH_URL" -c "$FORCED" >"$WORK/restored.rls"

status=0
if diff -u "$WORK/source.counts" "$WORK/restored.counts"; then
  echo "tables:  $(wc -l <"$WORK/source.counts") with the same row counts ($(awk -F'|' '{s+=$2} END {print s}' "$WORK/source.counts") rows)"
else
  echo "MISMATCH: row counts differ (above)"; status=1
fi
if diff -u "$WORK/source.rls" "$WORK/restored.rls"; then
  echo "rls:     $(wc -l <"$WORK/source.rls") tables with forced row-level security"
else
  echo "MISMATCH: row-level security differs (above)"; status=1
fi
[ "$status" = 0 ] && echo "restore drill passed" || echo "restore drill FAILED"
exit "$status"
