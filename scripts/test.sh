#!/usr/bin/env bash
# npm test – every check: lint, typecheck, unit + integration tests, e2e in a real browser.
# Integration and e2e run on embedded PGlite, or on the PostgreSQL server named by DATABASE_URL.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== lint";        npm run --silent lint
echo "== typecheck";   npm run --silent typecheck
echo "== unit + integration (${DATABASE_URL:+PostgreSQL}${DATABASE_URL:-PGlite})"; npx vitest run
echo "== e2e";         bash scripts/e2e.sh
