#!/usr/bin/env bash
# npm run test:hardening – the reliability/security suite: fuzzing the public endpoint (10,000 payloads),
# tenant-isolation attacks, headers and sessions (browser), and with DATABASE_URL two instances on one PostgreSQL
# (1,000 concurrent submissions; kill -9 mid-load).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
echo "== fuzzing the public consent endpoint"
npx vitest run --project hardening
echo "== isolation, headers, sessions (browser)"
HARDENING=1 bash scripts/e2e.sh e2e/hardening
if [ -n "${DATABASE_URL:-}" ]; then
  echo "== two instances on one PostgreSQL: concurrency and crash"
  scripts/tsx-server scripts/hardening/multi-instance.ts
else
  echo "== skipped: multi-instance concurrency and crash checks need DATABASE_URL (a PostgreSQL server)"
fi
