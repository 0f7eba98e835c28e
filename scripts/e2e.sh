#!/usr/bin/env bash
# npm run test:e2e – builds the production app and runs Playwright against it as `npm start` serves it (server.mjs) on a
# fresh data directory.
# With DATABASE_URL the server runs on a fresh PostgreSQL database created (and dropped) here.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
export E2E_DATA_DIR="${E2E_DATA_DIR:-.data-e2e}"
rm -rf "$E2E_DATA_DIR" && mkdir -p "$E2E_DATA_DIR"

if [ -n "${DATABASE_URL:-}" ]; then
  base="$DATABASE_URL"
  db="einw_e2e_$(date +%s)_$$"
  psql "$base" -qc "create database $db" >/dev/null
  export DATABASE_URL="${base%/*}/$db"
  trap 'psql "$base" -qc "drop database if exists $db with (force)" >/dev/null 2>&1 || true' EXIT
  npm run --silent db:migrate
  npm run --silent db:seed
fi

if [ "${E2E_SKIP_BUILD:-}" != "1" ]; then npx next build > "$E2E_DATA_DIR/build.log" 2>&1 || { cat "$E2E_DATA_DIR/build.log"; exit 1; }; fi
npx playwright test "$@"
