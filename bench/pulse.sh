#!/usr/bin/env bash
# The pulse at national scale: every pulse page of an installation holding
# CASES generated applications (default 10 million), under load, against the
# same pages of a small installation (BASELINE_CASES, default 10,000) in the
# same run; with the generation rate, the database's size and the time the
# server takes to renew its pulse snapshot from the roll-ups.
# Goal (issue 7): with 10 million cases each pulse page answers in under 100 ms.
#
#   bench/pulse.sh
#   CASES=1000000 bench/pulse.sh
#   HROMADA_DATABASE_URL=postgres://127.0.0.1/pulsebench bench/pulse.sh   # the big one on PostgreSQL
#
# hromada: `hromada demo --applications N` (release build, default log level plus
# the pulse's debug line) generates the cases, then serves; the baseline is a
# second `hromada demo --applications BASELINE_CASES` on SQLite. wrk loads each
# page of one, then of the other, ROUNDS times, with `Accept-Encoding: gzip`.
#
# Environment:
#   CASES=10000000        applications in the big installation
#   BASELINE_CASES=10000  applications in the baseline (enough that every figure shows)
#   ROUNDS=3 DURATION=5s THREADS=2 CONNECTIONS=16
#   PAGES="/pulse /pulse.csv ..."   the pages to load [default: every kind of pulse page]
#   HROMADA_DATABASE_URL  the big installation's database (an empty PostgreSQL
#                         database, say); default SQLite in its data folder
#   DATA=DIR              the big installation's data folder; an earlier run's (KEEP=1)
#                         is reused as it is: `demo --applications N` only tops up to N
#   HROMADA_BIN=...       use this binary instead of building target/release/hromada
#   BENCH_DIR=DIR         where the data folders go [default: /tmp, or target/ if /tmp
#                         is in memory]
#   KEEP=1                keep the data folders and logs at the end
#   STRICT=1              exit 1 when the goal is missed
#
# Everything runs on this machine's loopback; wrk and hromada share its cores.
set -euo pipefail

# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$(dirname "$0")/lib.sh"

CASES=${CASES:-10000000}
BASELINE_CASES=${BASELINE_CASES:-10000}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-5s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-16}
PAGES=${PAGES:-/pulse /pulse.csv /pulse.json /pulse/kyivska /pulse/kyivska.csv /pulse/kyivska.json /buchanska/pulse /buchanska/pulse.csv /buchanska/pulse.json /pulse/data}
GOAL_MS=100
BIG_URL=${HROMADA_DATABASE_URL:-}
# The servers get their settings from the command line only.
unset HROMADA_DATABASE_URL HROMADA_DATA_DIR HROMADA_LISTEN HROMADA_LOG_FORMAT
export HROMADA_LOG=info,hromada_web::pulse=debug

BIG_PID=
BASE_PID=
SERVER_PIDS=(BIG_PID BASE_PID)
STOP_SECONDS=10

tools=(wrk curl)
[[ -n "$BIG_URL" ]] && tools+=(psql=postgresql-client)
install_missing "${tools[@]}"

release_bin
must_be_executable "$BIN"

# --- data folders on a real disk -------------------------------------------------------
disk_work_dir pulse ": not a real disk"
BIG_DIR=${DATA:-$WORK/big}
echo "work folder $WORK ($(disk_of "$WORK")); big installation in $BIG_DIR"
if [[ -n "$BIG_URL" ]]; then
  echo "big installation's database: ${BIG_URL%%\?*}"
fi

# Start `hromada demo --applications N` and wait until it listens (it generates first).
# Sets STARTED_PID and GEN_SECONDS (wall time from start to listening).
start_demo() { # NAME N DIR PORT [DATABASE_URL]
  local name=$1 n=$2 dir=$3 port=$4 url=${5:-}
  local log=$WORK/$name.log
  local args=(demo --applications "$n" --listen "127.0.0.1:$port" --data-dir "$dir")
  [[ -n "$url" ]] && args+=(--database-url "$url")
  local started=$SECONDS last=$SECONDS
  "$BIN" "${args[@]}" >"$log" 2>&1 &
  STARTED_PID=$!
  until grep -q '^Listening on' "$log"; do
    kill -0 "$STARTED_PID" 2>/dev/null || { echo "$name exited; its log:"; tail -n 40 "$log"; exit 1; }
    if ((SECONDS - last >= 60)); then
      last=$SECONDS
      echo "  $name: $(grep -a '^generated ' "$log" | tail -n 1 || echo 'starting')"
    fi
    sleep 1
  done
  GEN_SECONDS=$((SECONDS - started))
}

pulse_ready() { # URL PID LOG: the first snapshot is made
  wait_http "$1/pulse" "$3" "$2" 300 'no pulse'
}

db_size() { # DIR URL -> bytes
  if [[ -n "$2" ]]; then
    psql "$2" -Atc 'SELECT pg_database_size(current_database())'
  else
    du -cb "$1"/hromada.db* | tail -n 1 | cut -f1
  fi
}

human() { numfmt --to=iec-i --suffix=B "$1" 2>/dev/null || echo "$1 B"; }

# --- the big installation, then the baseline --------------------------------------------------
BIG_PORT=$(free_port)
echo
echo "generating $CASES applications (hromada demo --applications $CASES)…"
start_demo big "$CASES" "$BIG_DIR" "$BIG_PORT" "$BIG_URL"
BIG_PID=$STARTED_PID
BIG_GEN_SECONDS=$GEN_SECONDS
BIG=http://127.0.0.1:$BIG_PORT
GEN_LINE=$(grep -a -E '^generated [0-9]+ of|already there' "$WORK/big.log" | tail -n 1)
echo "  $GEN_LINE"
echo "  from start to listening: ${BIG_GEN_SECONDS} s"
BIG_BYTES=$(db_size "$BIG_DIR" "$BIG_URL")
echo "  database size: $(human "$BIG_BYTES") ($BIG_BYTES bytes)"

BASE_PORT=$(free_port)
echo "generating the baseline's $BASELINE_CASES applications…"
start_demo base "$BASELINE_CASES" "$WORK/base" "$BASE_PORT"
BASE_PID=$STARTED_PID
BASEURL=http://127.0.0.1:$BASE_PORT
echo "  database size: $(human "$(db_size "$WORK/base" "")")"

pulse_ready "$BIG" "$BIG_PID" "$WORK/big.log"
pulse_ready "$BASEURL" "$BASE_PID" "$WORK/base.log"
TOTAL_12=$(curl -fsS "$BIG/pulse.csv" | awk -F, '$2 == "installation" && $6 == "" && $7 == "" && $8 == "applications" && $5 ~ /\// {print $9}')
echo "the big installation's /pulse counts $TOTAL_12 applications in its 12 months"

for page in $PAGES; do
  for url in "$BIG" "$BASEURL"; do
    code=$(curl -s -o /dev/null -w '%{http_code}' "$url$page")
    [[ "$code" == 200 ]] || { echo "$url$page answers $code"; exit 1; }
  done
done

# --- load -------------------------------------------------------------------------------------------
run_wrk() { # FILE URL -> sets RPS P50 P99
  wrk_load "$1" "$2" "$2"
}

echo
echo "load average before the load: $(loadavg)"
echo "warm-up (2 s each)…"
wrk_warm_up "$BIG/pulse" "$BASEURL/pulse"

echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency -H 'Accept-Encoding: gzip', $ROUNDS rounds, big then baseline"
declare -A B50 B99 BRPS S50 S99 SRPS
for r in $(seq 1 "$ROUNDS"); do
  for page in $PAGES; do
    tag=$(tr '/.' '__' <<<"$page")
    run_wrk "$WORK/wrk-big$tag-$r.txt" "$BIG$page"
    B50[$page]+="$P50 "; B99[$page]+="$P99 "; BRPS[$page]+="$RPS "
    run_wrk "$WORK/wrk-base$tag-$r.txt" "$BASEURL$page"
    S50[$page]+="$P50 "; S99[$page]+="$P99 "; SRPS[$page]+="$RPS "
  done
  echo "  round $r done"
done

# One client at a time: how long a page takes when nothing queues before it.
declare -A U50 U99 V50 V99
for page in $PAGES; do
  tag=$(tr '/.' '__' <<<"$page")
  wrk -t1 -c1 -d2s --latency -H 'Accept-Encoding: gzip' "$BIG$page" >"$WORK/wrk1-big$tag.txt" 2>&1
  U50[$page]=$(wrk_ms "$WORK/wrk1-big$tag.txt" 50)
  U99[$page]=$(wrk_ms "$WORK/wrk1-big$tag.txt" 99)
  wrk -t1 -c1 -d2s --latency -H 'Accept-Encoding: gzip' "$BASEURL$page" >"$WORK/wrk1-base$tag.txt" 2>&1
  V50[$page]=$(wrk_ms "$WORK/wrk1-base$tag.txt" 50)
  V99[$page]=$(wrk_ms "$WORK/wrk1-base$tag.txt" 99)
done

# --- the snapshot renewals the servers logged -----------------------------------------------------
renewals() { # LOG FIELD -> values, oldest first (the text log colours its fields)
  grep -a 'pulse snapshot built' "$1" | sed 's/\x1b\[[0-9;]*m//g' | grep -o "$2=[0-9.]*" | cut -d= -f2
}
mapfile -t BIG_READ < <(renewals "$WORK/big.log" read_ms)
mapfile -t BIG_TOTAL < <(renewals "$WORK/big.log" total_ms)
mapfile -t BASE_TOTAL < <(renewals "$WORK/base.log" total_ms)
ROWS=$(renewals "$WORK/big.log" rows | tail -n 1)

# --- report -------------------------------------------------------------------------------------------
MISSED=0
echo
echo "$CASES applications ($(human "$BIG_BYTES") database${BIG_URL:+, PostgreSQL}) against $BASELINE_CASES (SQLite); medians of $ROUNDS rounds"
printf '%-22s %9s %9s %9s | %9s %9s %9s | %9s  %s\n' page 'p50 ms' 'p99 ms' 'req/s' 'base p50' 'base p99' 'base r/s' 'p99 ratio' "goal p99 < $GOAL_MS ms"
# shellcheck disable=SC2086 # the lists of figures are split into words on purpose
for page in $PAGES; do
  b50=$(median ${B50[$page]}); b99=$(median ${B99[$page]}); brps=$(median ${BRPS[$page]})
  s50=$(median ${S50[$page]}); s99=$(median ${S99[$page]}); srps=$(median ${SRPS[$page]})
  ratio=$(awk -v b="$b99" -v s="$s99" 'BEGIN { printf "%.2f", (s > 0) ? b / s : 0 }')
  ok=$(verdict "$b99" '<' "$GOAL_MS")
  [[ "$ok" == met ]] || MISSED=1
  printf '%-22s %9s %9s %9s | %9s %9s %9s | %9s  %s\n' "$page" "$b50" "$b99" "$brps" "$s50" "$s99" "$srps" "$ratio" "$ok"
done

echo
echo "one client at a time (wrk -t1 -c1 -d2s), ms"
printf '%-22s %9s %9s | %9s %9s\n' page p50 p99 'base p50' 'base p99'
for page in $PAGES; do
  printf '%-22s %9s %9s | %9s %9s\n' "$page" "${U50[$page]}" "${U99[$page]}" "${V50[$page]}" "${V99[$page]}"
done

echo
if ((${#BIG_TOTAL[@]})); then
  later_read=$(median "${BIG_READ[@]:1}" 2>/dev/null || true)
  later_total=$(median "${BIG_TOTAL[@]:1}" 2>/dev/null || true)
  base_total=$(median "${BASE_TOTAL[@]}")
  echo "snapshot renewals of the big installation: ${#BIG_TOTAL[@]} ($ROWS roll-up rows in the 12 months)"
  echo "  first (at start):       roll-ups read ${BIG_READ[0]} ms, whole snapshot ${BIG_TOTAL[0]} ms"
  if ((${#BIG_TOTAL[@]} > 1)); then
    echo "  later (median, under load): roll-ups read ${later_read} ms, whole snapshot ${later_total} ms; max $(printf '%s\n' "${BIG_TOTAL[@]}" | sort -g | tail -n 1) ms"
  fi
  echo "  baseline's snapshot (median of ${#BASE_TOTAL[@]}): ${base_total} ms; ratio $(awk -v b="${BIG_TOTAL[0]}" -v s="$base_total" 'BEGIN { printf "%.1f", (s > 0) ? b / s : 0 }')"
  echo "  (renewed in the background once a minute; a page never waits for it once the first is made)"
else
  echo "no snapshot timings in the log (HROMADA_LOG=$HROMADA_LOG)"
fi
echo "generation: $GEN_LINE"
echo "load average after the load: $(loadavg)"
echo "big server RSS after the load: $(rss "$BIG_PID")"
if ((MISSED)); then echo "goal MISSED on at least one page"; else echo "goal met on every page (p99 < $GOAL_MS ms)"; fi
if ((MISSED)) && [[ "${STRICT:-}" == 1 ]]; then
  exit 1
fi
