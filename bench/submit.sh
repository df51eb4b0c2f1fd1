#!/usr/bin/env bash
# Durable submissions per second over HTTP against a bare SQLite insert loop on
# the same disk, in the same run.
#
# hromada: `hromada serve` (release build, SQLite, default log level) on a data
# folder seeded by `hromada demo`; wrk POSTs /applications/{id}/submit with 64
# connections, every request for a draft of its own (bench/submit.lua). A 303 is
# counted as a submission only because every draft is new; the database is
# checked afterwards for the number of cases really submitted.
# baseline: one row of the same size per transaction into a fresh SQLite file
# (WAL, synchronous=FULL), in a loop, for the same time (benches/submit.rs).
# Goal (the issue): hromada's rate >= 3 x the baseline's, with p99 < 10 ms.
#
#   bench/submit.sh
#
# Environment:
#   ROUNDS=3          rounds; each round runs hromada, then the baseline
#   DURATION=10       seconds per run (wrk and the baseline loop)
#   THREADS=2 CONNECTIONS=64
#   DRAFTS_PER_SECOND=10000   drafts made before each run, per second of the run; a run
#                     that uses them all gets 404s (counted as errors) and is reported invalid
#   HROMADA_BIN=... SUBMIT_BIN=...   use these binaries (hromada, and the bench
#                     helper built by `cargo bench --no-run -p hromada --bench submit`)
#   BENCH_DIR=DIR     where the data folder goes [default: /tmp, or target/ if /tmp is
#                     in memory: fsync on tmpfs would measure nothing]
#   KEEP=1            keep the data folder and logs at the end
#   STRICT=1          exit 1 when the goal is missed
#
# Everything runs on this machine's loopback; wrk and hromada share its cores.
set -euo pipefail

# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$(dirname "$0")/lib.sh"

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10}
DURATION=${DURATION%s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
DRAFTS_PER_SECOND=${DRAFTS_PER_SECOND:-10000}
GOAL_RATIO=3
GOAL_P99_MS=10

HROMADA_PID=
SERVER_PIDS=(HROMADA_PID)

install_missing wrk curl

# --- build ----------------------------------------------------------------------
# One cargo invocation builds both: a bench target's build includes the package's
# binary, with the bench profile (which is the release profile).
if [[ -z "${HROMADA_BIN:-}" || -z "${SUBMIT_BIN:-}" ]]; then
  artifacts=$(cargo bench --no-run -p hromada --bench submit --message-format=json-render-diagnostics)
  executable() { # KIND NAME -> path of that target's executable
    grep "\"kind\":\[\"$1\"\]" <<<"$artifacts" | grep "\"name\":\"$2\"" | grep -o '"executable":"[^"]*"' | tail -n 1 | cut -d'"' -f4
  }
  HROMADA_BIN=${HROMADA_BIN:-$(executable bin hromada)}
  SUBMIT_BIN=${SUBMIT_BIN:-$(executable bench submit)}
fi
must_be_executable "$HROMADA_BIN" "$SUBMIT_BIN"

# --- a data folder on a real disk --------------------------------------------------
disk_work_dir submit "; fsync there measures nothing"
DATA=$WORK/data
DB=$DATA/hromada.db
echo "data folder $WORK ($(disk_of "$WORK"))"

stop_hromada() {
  kill -TERM "$HROMADA_PID"
  wait "$HROMADA_PID" || true
  HROMADA_PID=
}

# --- seed: what `hromada demo` installs (places, services, people; no generated history,
# so that the database holds only what this benchmark counts), then stop -------------
PORT=$(free_port)
URL=http://127.0.0.1:$PORT
start_server HROMADA_PID "$WORK/demo.log" "$URL/readyz" "$HROMADA_BIN" demo --applications 0 --listen "127.0.0.1:$PORT" --data-dir "$DATA"
stop_hromada

# --- serve (no demo banner, no seeding: as in production) ---------------------------
start_server HROMADA_PID "$WORK/hromada.log" "$URL/readyz" env HROMADA_PUBLIC_URL="$URL" "$HROMADA_BIN" serve --listen "127.0.0.1:$PORT" --data-dir "$DATA"

submitted() { "$SUBMIT_BIN" count --db "$DB" | awk -F= '$1 == "SUBMITTED" {print $2}'; }

prepare() { # N -> sets FIRST_ID LAST_ID SESSION CSRF ROW_BYTES ...
  local env
  env=$("$SUBMIT_BIN" prepare --db "$DB" --drafts "$1")
  eval "$env"
}

run_wrk() { # NAME SECONDS -> sets RATE P50 P99 OK DB_DELTA VALID
  local out="$WORK/wrk-$1.txt" before after requests errors elapsed
  prepare $((DRAFTS_PER_SECOND * $2))
  before=$(submitted)
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2"s --latency -s "$ROOT/bench/submit.lua" "$URL" \
    -- "$FIRST_ID" "$LAST_ID" "$THREADS" "$SESSION" "$CSRF" >"$out" 2>&1
  after=$(submitted)
  requests=$(awk '/requests in/ {print $1}' "$out")
  elapsed=$(awk '/requests in/ {sub(/s,$/, "", $4); print $4}' "$out")
  errors=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$out")
  errors=${errors:-0}
  if [[ -z "$requests" ]]; then
    echo "could not parse wrk output:"
    cat "$out"
    exit 1
  fi
  OK=$((requests - errors))
  DB_DELTA=$((after - before))
  RATE=$(awk -v n="$OK" -v t="$elapsed" 'BEGIN { printf "%.1f", n / t }')
  P50=$(wrk_ms "$out" 50)
  P99=$(wrk_ms "$out" 99)
  VALID=yes
  # Requests still in flight when wrk stops may commit without being counted: at most one per connection.
  if ((errors > 0 || DB_DELTA < OK || DB_DELTA > OK + CONNECTIONS)); then
    VALID=no
    echo "  $1: $requests requests, $errors not 3xx, $DB_DELTA cases submitted in the database (expected $OK..$((OK + CONNECTIONS)))"
    grep -E 'Socket errors' "$out" || true
  fi
}

run_baseline() { # NAME -> sets B_RATE B_P50 B_P99
  local out="$WORK/baseline-$1.txt"
  "$SUBMIT_BIN" baseline --db "$WORK/baseline.db" --seconds "$DURATION" --row-bytes "$ROW_BYTES" >"$out"
  B_RATE=$(awk -F= '$1 == "RATE" {print $2}' "$out")
  B_P50=$(awk -F= '$1 == "P50_MS" {print $2}' "$out")
  B_P99=$(awk -F= '$1 == "P99_MS" {print $2}' "$out")
}

# The row size of the baseline: what one submission writes (see `prepare`).
prepare 1
echo "one submission writes $ROW_BYTES B of values: case row $CASE_BYTES, its event $EVENT_BYTES, the reference counter $COUNTER_BYTES;"
echo "the baseline inserts rows of $ROW_BYTES B"
echo "machine: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), load average $(loadavg)"

echo
echo "warm-up (2 s)…"
run_wrk warmup 2

echo "wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency (a new draft per request) against the baseline loop, $ROUNDS rounds, alternating"
printf '\n%-6s %-9s %12s %9s %9s %8s\n' round run 'per second' 'p50 ms' 'p99 ms' load
declare -a H_RATE H_P50 H_P99 B_RATES B_P50S B_P99S
INVALID=0
for r in $(seq 1 "$ROUNDS"); do
  run_wrk "hromada-$r" "$DURATION"
  [[ "$VALID" == yes ]] || INVALID=$((INVALID + 1))
  H_RATE+=("$RATE"); H_P50+=("$P50"); H_P99+=("$P99")
  printf '%-6s %-9s %12s %9s %9s %8s   (%s submitted, %s in the database)\n' "$r" hromada "$RATE" "$P50" "$P99" \
    "$(cut -d' ' -f1 /proc/loadavg)" "$OK" "$DB_DELTA"
  run_baseline "$r"
  B_RATES+=("$B_RATE"); B_P50S+=("$B_P50"); B_P99S+=("$B_P99")
  printf '%-6s %-9s %12s %9s %9s %8s\n' "$r" baseline "$B_RATE" "$B_P50" "$B_P99" "$(cut -d' ' -f1 /proc/loadavg)"
done

read -r HM HP50 HP99 BM BP50 BP99 <<<"$(medians H_RATE H_P50 H_P99 B_RATES B_P50S B_P99S)"
RATIO=$(awk -v h="$HM" -v b="$BM" 'BEGIN { printf "%.2f", h / b }')
OK_RATIO=$(verdict "$RATIO" '>=' "$GOAL_RATIO")
OK_P99=$(verdict "$HP99" '<' "$GOAL_P99_MS")

printf '\n%-9s %18s %14s %14s\n' run 'median per second' 'median p50 ms' 'median p99 ms'
printf '%-9s %18s %14s %14s\n' hromada "$HM" "$HP50" "$HP99"
printf '%-9s %18s %14s %14s\n' baseline "$BM" "$BP50" "$BP99"
echo
echo "ratio median(hromada submissions/s) / median(baseline inserts/s) = $RATIO   (goal >= $GOAL_RATIO: $OK_RATIO)"
echo "hromada median p99 = $HP99 ms   (goal < $GOAL_P99_MS ms: $OK_P99)"
echo "submissions in the database: $(submitted) (every measured run checked: $((ROUNDS - INVALID)) of $ROUNDS valid)"
if ((INVALID > 0)); then
  echo "WARNING: $INVALID run(s) invalid (errors, or a database count that does not match); see above"
fi
if [[ "${STRICT:-}" == 1 && ("$OK_RATIO" != met || "$OK_P99" != met || $INVALID -gt 0) ]]; then
  exit 1
fi
