#!/usr/bin/env bash
# npm test – every check: lint, typecheck, unit + integration tests, e2e in a real browser.
# Integration and e2e run on embedded PGlite, or on the PostgreSQL server named by DATABASE_URL.
set -euo pipefail
cd "$(dirname "$0")/.."
# The database kind, never its URL (it may carry a password).
db_kind=$([ -n "${DATABASE_URL:-}" ] && echo PostgreSQL || echo PGlite)
# TEST_DATABASE_ONLY=1 (set by .ci/run for its second database) skips what does not depend on the database:
# lint, typecheck and the unit project already ran in the first pass.
if [ "${TEST_DATABASE_ONLY:-}" = "1" ]; then
  echo "== integration ($db_kind; lint, typecheck and unit tests ran in the first pass)"
  npx vitest run --project integration
else
  echo "== lint";        npm run --silent lint
  echo "== typecheck";   npm run --silent typecheck
  echo "== unit + integration ($db_kind)"; npx vitest run
fi
echo "== e2e";         bash scripts/e2e.sh
