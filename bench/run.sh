#!/usr/bin/env bash
# npm run bench – measures, on this machine:
#   consent  the public opt-in endpoint against a noop route of the same server and a bare node:http server doing the
#            same SQL, prepared (bench/consent.ts; endpoint and bare interleaved BENCH_ROUNDS times, each on a database
#            of its own), on PostgreSQL and on PGlite, then verifies every written hash chain
#   drain    the consent endpoint on PostgreSQL, idle and while BENCH_DRAIN_MAILS (5,000) evidence receipts drain
#            (bench/drain.ts; issue #13: p99 while draining ≤ 1.5× idle p99): receipts queued through the endpoint of a
#            web-only instance, mail to a local Resend stub at RESEND_RATE_LIMIT=10000 (CPU-bound drain); rows per mode of
#            BENCH_DRAIN_MODES ("inproc separate"): inproc = the server's own worker (the default deployment), separate =
#            MAIL_WORKER=0 beside scripts/worker.ts (npm run worker)
#   pdf      PDF rendering (bench/pdf.ts)
#   page     the public pages on PostgreSQL (bench/page.ts): first step vs the GET no-op route at 10 connections (req/s,
#            p50/p99), HTML/CSS/JS bytes of every public page in headless Chromium, Lighthouse mobile (performance,
#            accessibility, best practices; median of 3) — only with BENCH_PAGE=1, or alone with BENCH_PARTS=page
#   ledger   the ledger at scale (bench/ledger-scale.ts; heavy: 1.9M events by default; with the transparency log built
#            in bulk: inclusion proofs and the full audit at 1M) and the transparency log part `tlog` — only with
#            BENCH_LEDGER=1 or BENCH_PARTS=ledger
#   tlog     the transparency log alone (bench/ledger-tlog.ts, issue #16): sequencer events/s, one tenant vs 50 mixed with
#            the sequencer running, submission → signed checkpoint at 80 % of capacity (BENCH_SEQ_EVENTS, BENCH_LINKS, BENCH_WARMUP
#            s of warm-up, 65; BENCH_PACED_LEADIN s at the paced rate before its window, 5; with autovacuum off on the
#            server, bench/autovacuum.ts runs its rules for the database)
#   addressbook  the address-book import (issue #12, bench/address-book.ts, PostgreSQL): a 20,000-card vCard parsed and
#            matched against a 1M-event ledger seeded in SQL, in child processes (time, peak RSS) beside a baseline
#            (read the file + one indexed lookup) — only alone with BENCH_PARTS=addressbook, or with BENCH_ADDRESSBOOK=1
#   whatsapp the WhatsApp webhook's p99 at 200 signed deliveries/s against the no-op route, and 10,000 queued inbound
#            messages processed by the inbox worker against the queue's own ceiling (bench/whatsapp.ts, PostgreSQL;
#            writes $OUT/whatsapp.json) — only with BENCH_WHATSAPP=1, or alone with BENCH_PARTS=whatsapp
# Builds the app once into .next-bench (BENCH_SKIP_BUILD=1 reuses it), starts every server itself on 127.0.0.1 and
# kills them all on exit; fresh databases only (PostgreSQL einw_bench_*, dropped on exit; PGlite in a temp dir).
# Writes bench/results/latest.json and latest.md.
# Env: BENCH_DURATION (s per load run, 20), BENCH_ROUNDS (endpoint/bare pairs, 3), BENCH_RATE (req/s of the latency runs, 100), BENCH_PG (server URL,
#      postgres://postgres@127.0.0.1:5432/test), BENCH_PARTS ("postgres drain pglite pdf"), BENCH_DRAIN_MAILS, BENCH_DRAIN_MODES, BENCH_LEDGER=1, BENCH_PAGE=1, BENCH_EVENTS,
#      BENCH_OTHER, BENCH_PORT (first of three ports, 3950), BENCH_DIST_DIR (.next-bench),
#      BENCH_OUT (bench/results; another directory for trials that must not replace the committed report).
# Trial: BENCH_DURATION=3 BENCH_LEDGER=1 BENCH_EVENTS=20000 BENCH_OTHER=2000; of the drain part alone:
#      BENCH_PARTS=drain BENCH_DURATION=3 BENCH_DRAIN_MAILS=300 BENCH_OUT=/tmp/drain-trial
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 NEXT_DIST_DIR="${BENCH_DIST_DIR:-.next-bench}"
case "$NEXT_DIST_DIR" in .next-bench*) ;; *) echo "bench: BENCH_DIST_DIR must start with .next-bench" >&2; exit 1 ;; esac
export AUTH_SECRET="bench-secret-not-for-production"
export CONSENT_RATE_LIMIT_IP=1000000000 CONSENT_RATE_LIMIT_LINK=1000000000
# `next start` (production) needs the ledger's signing key (issue #16): one generated for the whole run, shared by
# every server and bench script of it (else each would need its own key file in its DATA_DIR).
if [ -z "${LEDGER_SIGNING_KEY:-}" ]; then
  LEDGER_SIGNING_KEY="$(node_modules/.bin/tsx scripts/ledger-keygen.ts bench.invalid | sed -n 's/^LEDGER_SIGNING_KEY=//p')"
  export LEDGER_SIGNING_KEY
fi
export BENCH_PG="${BENCH_PG:-postgres://postgres@127.0.0.1:5432/test}"
PARTS="${BENCH_PARTS:-postgres drain pglite pdf}"
if [ "${BENCH_PAGE:-}" = "1" ]; then PARTS="$PARTS page"; fi
if [ "${BENCH_LEDGER:-}" = "1" ]; then PARTS="$PARTS ledger"; fi
if [ "${BENCH_ADDRESSBOOK:-}" = "1" ]; then PARTS="$PARTS addressbook"; fi
if [ "${BENCH_WHATSAPP:-}" = "1" ]; then PARTS="$PARTS whatsapp"; fi
PORT="${BENCH_PORT:-3950}"
OUT="${BENCH_OUT:-bench/results}"
TSX=scripts/tsx-server # tsx with `server-only` resolved to an empty module: the lib/ modules bench imports are server-only
WORK="$(mktemp -d /tmp/einw-bench.XXXXXX)"
PIDS=()
DBS=()
mkdir -p "$OUT"
rm -f "$OUT"/*.json.tmp

stop_servers() {
  for pid in "${PIDS[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  done
  PIDS=()
}
# next build adds its dist dir's type folders to tsconfig.json: take back exactly those entries, nothing else.
restore_tsconfig() {
  [ -f "$WORK/tsconfig.before" ] || return 0
  node -e '
    const fs = require("fs");
    const [before, now] = [fs.readFileSync(process.argv[1], "utf8"), fs.readFileSync("tsconfig.json", "utf8")];
    const strip = (s) => { const j = JSON.parse(s); j.include = (j.include || []).filter((p) => !p.includes(".next-bench")); return JSON.stringify(j); };
    if (before !== now) {
      if (strip(before) === strip(now)) fs.writeFileSync("tsconfig.json", before);
      else console.error("bench: tsconfig.json changed during the build beyond .next-bench entries; left as it is");
    }' "$WORK/tsconfig.before" || true
  rm -f "$WORK/tsconfig.before"
}
cleanup() {
  stop_servers
  restore_tsconfig
  for db in "${DBS[@]}"; do psql "$BENCH_PG" -qc "drop database if exists $db with (force)" >/dev/null 2>&1 || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# start NAME PORT [VAR=value …] -- COMMAND …: runs COMMAND in a process group of its own (killed on exit) and waits
# up to 120 s until the port answers HTTP at all.
start() {
  local name=$1 port=$2 envs=()
  shift 2
  while [ "$1" != "--" ]; do envs+=("$1"); shift; done
  shift
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then echo "bench: port $port is already in use (set BENCH_PORT)" >&2; exit 1; fi
  setsid env "${envs[@]}" "$@" >"$WORK/$name.log" 2>&1 &
  PIDS+=("$!")
  for _ in $(seq 240); do
    if curl -s -o /dev/null "http://127.0.0.1:$port/"; then return 0; fi
    if ! kill -0 "$!" 2>/dev/null; then break; fi
    sleep 0.5
  done
  echo "bench: $name did not start; its log:" >&2
  tail -30 "$WORK/$name.log" >&2
  exit 1
}

consent() {
  local driver=$1 app_env=() bare_env=() check=()
  echo "== consent benchmark on $driver" >&2
  if [ "$driver" = postgres ]; then
    local db
    db="einw_bench_$(date +%s)_$$"
    psql "$BENCH_PG" -qc "create database $db" >/dev/null
    DBS+=("$db")
    local url="${BENCH_PG%/*}/$db"
    "$TSX" bench/seed.ts postgres "$url" >"$WORK/targets-$driver.json"
    # The bare baseline gets a database of its own, a copy of the seeded one (same tenants, links and tokens).
    psql "$BENCH_PG" -qc "create database ${db}_bare template $db" >/dev/null
    DBS+=("${db}_bare")
    app_env=(DATABASE_URL="$url")
    bare_env=(DATABASE_URL="${url}_bare")
    check=(postgres "$url" "${url}_bare")
  else
    "$TSX" bench/seed.ts pglite "$WORK/app-pglite/pglite" >"$WORK/targets-$driver.json"
    cp -r "$WORK/app-pglite/pglite" "$WORK/bare-pglite"
    bare_env=(PGLITE_DIR="$WORK/bare-pglite")
    check=(pglite "$WORK/app-pglite/pglite" "$WORK/bare-pglite")
  fi
  start "next-$driver" "$PORT" "${app_env[@]}" DATA_DIR="$WORK/app-$driver" BENCH_ROUTES=1 MAIL_WORKER=0 SEED_DEMO=0 \
    LOG_LEVEL=warn APP_URL="http://127.0.0.1:$PORT" -- node_modules/.bin/next start -H 127.0.0.1 -p "$PORT"
  start "bare-$driver" "$((PORT + 1))" "${bare_env[@]}" PORT="$((PORT + 1))" -- "$TSX" bench/baseline-server.ts
  NEXT_URL="http://127.0.0.1:$PORT" BARE_URL="http://127.0.0.1:$((PORT + 1))" TARGETS="$WORK/targets-$driver.json" \
    BENCH_DRIVER="$driver" "$TSX" bench/consent.ts >"$OUT/consent-$driver.json.tmp"
  stop_servers
  "$TSX" bench/check-chains.ts "${check[@]}" >"$OUT/chains-$driver.json.tmp"
  echo "chains: $(cat "$OUT/chains-$driver.json.tmp")" >&2
}

# The consent endpoint idle and while a backlog of evidence receipts drains (bench/drain.ts), on PostgreSQL. Three
# tenants: bench-0 takes the load and has no evidence address (the load queues no mail), bench-1 and bench-2 each get
# BENCH_DRAIN_MAILS receipts queued through the endpoint of a web-only instance, held out of the outbox until released.
start_stub() {
  start resend-stub "$((PORT + 2))" -- "$TSX" bench/resend-stub-server.ts "$((PORT + 2))"
  STUB_URL="$(curl -s "http://127.0.0.1:$((PORT + 2))/" | node -e 'process.stdout.write(JSON.parse(require("fs").readFileSync(0, "utf8")).url)')"
}
drain() {
  echo "== consent endpoint while evidence receipts drain (bench/drain.ts, PostgreSQL)" >&2
  local modes="${BENCH_DRAIN_MODES:-inproc separate}" db url backlogs=1
  case " $modes " in *" separate "*) backlogs=1,2 ;; esac
  db="einw_bench_drain_$(date +%s)_$$"
  psql "$BENCH_PG" -qc "create database $db" >/dev/null
  DBS+=("$db")
  url="${BENCH_PG%/*}/$db"
  BENCH_TENANTS=3 "$TSX" bench/seed.ts postgres "$url" >"$WORK/targets-drain.json"
  psql "$url" -qc "update tenants set evidence_email = null where slug = 'bench-0'" >/dev/null
  start_stub
  local common=(DATABASE_URL="$url" DATA_DIR="$WORK/app-drain" SEED_DEMO=0 LOG_LEVEL=warn APP_URL="http://127.0.0.1:$PORT"
    RESEND_API_KEY=re_bench_stub RESEND_RATE_LIMIT=10000 NEXT_URL="http://127.0.0.1:$PORT" TARGETS="$WORK/targets-drain.json"
    STUB_STATS_URL="http://127.0.0.1:$((PORT + 2))/")
  # Web-only instance: queues the backlogs, and is the web server of the separate-worker measurement.
  start next-drain-web "$PORT" "${common[@]}" RESEND_BASE_URL="$STUB_URL" MAIL_WORKER=0 -- node_modules/.bin/next start -H 127.0.0.1 -p "$PORT"
  env "${common[@]}" RESEND_BASE_URL="$STUB_URL" BENCH_DRAIN_BACKLOGS="$backlogs" "$TSX" bench/drain.ts queue
  case " $modes " in *" separate "*)
    env "${common[@]}" RESEND_BASE_URL="$STUB_URL" "$TSX" bench/drain.ts measure separate 2 >"$OUT/drain-separate.json.tmp" ||
      echo '{"mode":"separate","error":"bench/drain.ts measure separate failed"}' >"$OUT/drain-separate.json.tmp" ;;
  esac
  stop_servers
  case " $modes " in *" inproc "*)
    start_stub
    start next-drain "$PORT" "${common[@]}" RESEND_BASE_URL="$STUB_URL" -- node_modules/.bin/next start -H 127.0.0.1 -p "$PORT"
    env "${common[@]}" RESEND_BASE_URL="$STUB_URL" "$TSX" bench/drain.ts measure inproc 1 >"$OUT/drain-inproc.json.tmp" ||
      echo '{"mode":"inproc","error":"bench/drain.ts measure inproc failed"}' >"$OUT/drain-inproc.json.tmp"
    stop_servers ;;
  esac
}

# The public pages on a seeded PostgreSQL database (one tenant with a published notice and an active link; the
# server without mail worker, so the confirmation mail stays in the outbox for bench/page.ts to read its link).
page() {
  echo "== public pages (bench/page.ts, PostgreSQL)" >&2
  local db url
  db="einw_bench_page_$(date +%s)_$$"
  psql "$BENCH_PG" -qc "create database $db" >/dev/null
  DBS+=("$db")
  url="${BENCH_PG%/*}/$db"
  BENCH_TENANTS=1 "$TSX" bench/seed.ts postgres "$url" >"$WORK/targets-page.json"
  start next-page "$PORT" DATABASE_URL="$url" DATA_DIR="$WORK/app-page" BENCH_ROUTES=1 MAIL_WORKER=0 SEED_DEMO=0 LOG_LEVEL=warn \
    APP_URL="http://127.0.0.1:$PORT" -- node_modules/.bin/next start -H 127.0.0.1 -p "$PORT"
  DATABASE_URL="$url" PAGE_URL="http://127.0.0.1:$PORT" TARGETS="$WORK/targets-page.json" CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}" \
    "$TSX" bench/page.ts >"$OUT/page.json.tmp" || echo '{"error":"bench/page.ts failed"}' >"$OUT/page.json.tmp"
  stop_servers
}

# The WhatsApp channel (bench/whatsapp.ts, PostgreSQL): tenants with a connected (simulated) number, the webhook under
# a paced 200 deliveries/s beside the no-op route, then (server stopped) 10,000 queued inbound messages processed.
whatsapp() {
  echo "== WhatsApp webhook and inbox processing (bench/whatsapp.ts, PostgreSQL)" >&2
  local db url key wa=(node_modules/.bin/tsx --import ./scripts/server-only-hook.mjs bench/whatsapp.ts)
  db="einw_bench_wa_$(date +%s)_$$"
  psql "$BENCH_PG" -qc "create database $db" >/dev/null
  DBS+=("$db")
  url="${BENCH_PG%/*}/$db"
  key="$(node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("hex"))')"
  local common=(DATABASE_URL="$url" WHATSAPP_SECRETS_KEY="$key" WHATSAPP_GRAPH_URL=simulator DATA_DIR="$WORK/app-wa" LOG_LEVEL=warn TARGETS="$WORK/targets-wa.json")
  env "${common[@]}" "${wa[@]}" seed >"$WORK/targets-wa.json"
  # The server as `npm start` runs it (server.mjs: the webhook's POST before Next's router; the no-op route is Next's).
  start next-wa "$PORT" "${common[@]}" BENCH_ROUTES=1 MAIL_WORKER=0 SEED_DEMO=0 APP_URL="http://127.0.0.1:$PORT" -- node server.mjs -H 127.0.0.1 -p "$PORT"
  env "${common[@]}" NEXT_URL="http://127.0.0.1:$PORT" "${wa[@]}" webhook >"$WORK/wa-webhook.json" || echo '{"webhook":{"error":"bench/whatsapp.ts webhook failed"}}' >"$WORK/wa-webhook.json"
  grep -q "webhook fast path on" "$WORK/next-wa.log" || echo "bench: server.mjs never took the webhook fast path (Next's route answered)" >&2
  stop_servers
  env "${common[@]}" "${wa[@]}" process >"$WORK/wa-process.json" || echo '{"processing":{"error":"bench/whatsapp.ts process failed"}}' >"$WORK/wa-process.json"
  node -e 'const fs = require("fs"); const [a, b] = process.argv.slice(1).map((f) => JSON.parse(fs.readFileSync(f, "utf8")));
    process.stdout.write(JSON.stringify({ at: new Date().toISOString(), ...a, ...b }, null, 2) + "\n")' "$WORK/wa-webhook.json" "$WORK/wa-process.json" >"$OUT/whatsapp.json"
  echo "whatsapp: $(node -e 'const r = require(process.argv[1]); console.log(JSON.stringify({ webhookP99: r.webhook?.webhookP99, noopP99: r.webhook?.noopP99, bareP99: r.webhook?.bareP99, p99Ratio: r.webhook?.p99Ratio, perSec: r.processing?.processed?.perSec, baselinePerSec: r.processing?.baseline?.perSec, baselineBatchedPerSec: r.processing?.baselineBatched?.perSec, ratio: r.processing?.ratio, ratioBatched: r.processing?.ratioBatched }))' "$(realpath "$OUT/whatsapp.json")")" >&2
}

# The transparency log (issue #16, bench/ledger-tlog.ts, PostgreSQL): the sequencer alone on a queued backlog, then the
# consent endpoint of a server whose sequencer runs (MAIL_WORKER=1; no evidence addresses and no contact e-mail, so no
# mail is written; the server as `npm start` runs it, server.mjs): one tenant (one link, BENCH_LINKS links) vs 50 tenants mixed, and submission → signed checkpoint in
# a paced open loop at 80 % of the measured capacity.
tlog() {
  echo "== transparency log: the sequencer alone (bench/ledger-tlog.ts sequencer, PostgreSQL)" >&2
  "$TSX" bench/ledger-tlog.ts sequencer >"$WORK/tlog-sequencer.json" || echo '{"sequencer":{"error":"bench/ledger-tlog.ts sequencer failed"}}' >"$WORK/tlog-sequencer.json"
  echo "== transparency log: the consent endpoint with the sequencer running (bench/ledger-tlog.ts endpoint)" >&2
  local db url
  db="einw_bench_tlog_$(date +%s)_$$"
  psql "$BENCH_PG" -qc "create database $db" >/dev/null
  DBS+=("$db")
  url="${BENCH_PG%/*}/$db"
  "$TSX" bench/seed.ts postgres "$url" >"$WORK/targets-tlog-seed.json"
  psql "$url" -qc "update tenants set evidence_email = null" >/dev/null
  DATABASE_URL="$url" TARGETS="$WORK/targets-tlog-seed.json" "$TSX" bench/ledger-tlog.ts links >"$WORK/targets-tlog.json"
  start next-tlog "$PORT" DATABASE_URL="$url" DATA_DIR="$WORK/app-tlog" MAIL_WORKER=1 SEED_DEMO=0 LOG_LEVEL=warn \
    APP_URL="http://127.0.0.1:$PORT" -- node server.mjs -H 127.0.0.1 -p "$PORT"
  NEXT_URL="http://127.0.0.1:$PORT" DATABASE_URL="$url" TARGETS="$WORK/targets-tlog.json" "$TSX" bench/ledger-tlog.ts endpoint >"$WORK/tlog-endpoint.json" ||
    echo '{"endpoint":{"error":"bench/ledger-tlog.ts endpoint failed"}}' >"$WORK/tlog-endpoint.json"
  stop_servers
  node -e 'const fs = require("fs"); const [a, b] = process.argv.slice(1).map((f) => JSON.parse(fs.readFileSync(f, "utf8").trim().split("\n").at(-1)));
    process.stdout.write(JSON.stringify({ ...a, ...b }) + "\n")' "$WORK/tlog-sequencer.json" "$WORK/tlog-endpoint.json" >"$OUT/tlog.json.tmp"
  echo "tlog: $(cat "$OUT/tlog.json.tmp" | head -c 600)" >&2
}

needs_build=0
case " $PARTS " in *" postgres "* | *" pglite "* | *" page "* | *" drain "* | *" whatsapp "* | *" ledger "* | *" tlog "*) needs_build=1 ;; esac
if [ "$needs_build" = 1 ] && [ "${BENCH_SKIP_BUILD:-}" != "1" ]; then
  echo "== next build into $NEXT_DIST_DIR" >&2
  cp tsconfig.json "$WORK/tsconfig.before"
  build_ok=1
  node_modules/.bin/next build >"$WORK/build.log" 2>&1 || build_ok=0
  restore_tsconfig
  if [ "$build_ok" != 1 ]; then
    grep -E "error|Error|Failed" "$WORK/build.log" | head -30 >&2
    echo "bench: next build failed (its errors above): the working tree must build" >&2
    exit 1
  fi
fi

for part in $PARTS; do
  case "$part" in
    postgres | pglite) consent "$part" ;;
    drain) drain ;;
    whatsapp) whatsapp ;;
    page) page ;;
    pdf)
      echo "== pdf benchmark (bench/pdf.ts)" >&2
      if [ -f bench/pdf.ts ]; then
        "$TSX" bench/pdf.ts | tail -1 >"$OUT/pdf.json.tmp" || echo '{"error":"bench/pdf.ts failed"}' >"$OUT/pdf.json.tmp"
      else echo '{"error":"bench/pdf.ts missing"}' >"$OUT/pdf.json.tmp"; fi
      ;;
    ledger)
      echo "== ledger at scale (bench/ledger-scale.ts)" >&2
      "$TSX" bench/ledger-scale.ts >"$OUT/ledger.json.tmp"
      tlog
      ;;
    tlog) tlog ;;
    addressbook)
      echo "== address-book import at scale (bench/address-book.ts, PostgreSQL)" >&2
      node_modules/.bin/tsx --import ./scripts/server-only-hook.mjs bench/address-book.ts >"$OUT/addressbook.json.tmp" ||
        echo '{"error":"bench/address-book.ts failed"}' >"$OUT/addressbook.json.tmp"
      ;;
    *) echo "bench: unknown part $part" >&2; exit 1 ;;
  esac
done

BENCH_NPROC="$(nproc)" BENCH_PG_VERSION="$(psql "$BENCH_PG" -Atc 'show server_version' 2>/dev/null || echo unknown)" \
  BENCH_COMMIT="$(git rev-parse HEAD 2>/dev/null || echo unknown)" "$TSX" bench/report.ts "$OUT"
echo "bench: wrote $OUT/latest.json and $OUT/latest.md" >&2
