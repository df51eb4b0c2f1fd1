#!/usr/bin/env bash
# The server's footprint and start-up (issue 20): its resident memory idle and
# under 1,000 connections, and the time from exec to the first 200 of /healthz on
# an installation with a million cases, against an installation without cases in
# the same run (and, with BEFORE_BIN, against another build in the same run).
# Goals: <= 50 MB RSS at 1,000 connections; <= 30 MB idle after `demo` starts;
# start to /healthz < 1 s with 1,000,000 cases.
#
#   bench/footprint.sh
#   BEFORE_BIN=/work/hromada-before bench/footprint.sh   # an older build beside it
#
# Environment:
#   HROMADA_BIN=...   the binary measured [default: target/release/hromada, built first]
#   BEFORE_BIN=...    a second binary, measured the same way in the same run
#   SUBMIT_BIN=...    bench/submit.sh's helper (`cargo bench --no-run -p hromada --bench
#                     submit`): with it, memory while 1,000 connections submit, too
#   CONNECTIONS=1000 THREADS=2 DURATION=10s   the wrk load
#   PAGE=/buchanska/zapyt-na-publichnu-informatsiiu   the catalogue page loaded
#   SETTLE=3          seconds after ready before the idle figure is read
#   CASES=1000000     cases in the big installation (made with `hromada demo --applications`)
#   BIG_DATA=DIR      keep the big installation there and reuse it on the next run
#                     [default: in the work folder, removed at exit]
#   STARTS=7          start-ups per binary and installation (the median is reported)
#   SKIP_STARTUP=1    memory only; SKIP_MEMORY=1   start-up only
#   SKIP_DEFAULT_DEMO=1  leave out `hromada demo` with its default applications (20,000)
#   BENCH_DIR=DIR     where the data folders go [default: /tmp, or target/ if in memory]
#   KEEP=1            keep the work folder (logs, data)
#
# Memory is read from /proc/PID/status: VmRSS (resident now) and VmHWM (the peak
# since exec); under load, VmRSS is sampled every 50 ms and the highest reported.
# Start-up is timed by a small poller (python3) that records the time, execs the
# server and asks GET /healthz every 2 ms until it answers 200: "warm" with the
# database's files in the page cache (a restart), "cold" after they were dropped
# from it (posix_fadvise DONTNEED on every file of the data folder, which touches
# no other process's cache).
set -euo pipefail
# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$(dirname "$0")/lib.sh"

CONNECTIONS=${CONNECTIONS:-1000}
THREADS=${THREADS:-2}
DURATION=${DURATION:-10s}
PAGE=${PAGE:-/buchanska/zapyt-na-publichnu-informatsiiu}
SETTLE=${SETTLE:-3}
CASES=${CASES:-1000000}
STARTS=${STARTS:-7}
GOAL_LOAD_MB=50
GOAL_IDLE_MB=30
GOAL_START_MS=1000

SERVER_PID=
SERVER_PIDS=(SERVER_PID)

install_missing wrk curl python3
release_bin
must_be_executable "$BIN"
declare -a NAMES=(now) BINS=("$BIN")
if [[ -n "${BEFORE_BIN:-}" ]]; then
  must_be_executable "$BEFORE_BIN"
  NAMES=(before now)
  BINS=("$BEFORE_BIN" "$BIN")
fi
[[ -n "${SUBMIT_BIN:-}" ]] && must_be_executable "$SUBMIT_BIN"

disk_work_dir footprint "; the start-up figures need a real disk"
echo "work folder $WORK ($(disk_of "$WORK")); load average $(loadavg)"
# One file descriptor per connection, for wrk and the server both.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if (($(ulimit -n) < CONNECTIONS + 256)); then
  echo "ulimit -n is $(ulimit -n): too low for $CONNECTIONS connections (raise the hard limit)"
  exit 1
fi

PORT=$(free_port)
URL=http://127.0.0.1:$PORT

# "VmRSS VmHWM" of PID in MiB (one decimal).
mem() { # PID
  awk '/^VmRSS/ {r = $2} /^VmHWM/ {h = $2} END {printf "%.1f %.1f\n", r / 1024, h / 1024}' "/proc/$1/status"
}

stop_server() {
  stop_pids "$SERVER_PID" || true # (set -e is off inside it this way: its kills may find nothing)
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
}

# Runs wrk (ARGS…) while sampling the server's VmRSS; sets PEAK (MiB) and prints wrk's errors.
load_peak() { # OUT ARGS…
  local out=$1 kb peak=0
  shift
  wrk "$@" >"$out" 2>&1 &
  local wrk_pid=$!
  while kill -0 "$wrk_pid" 2>/dev/null; do
    kb=$(awk '/^VmRSS/ {print $2}' "/proc/$SERVER_PID/status" 2>/dev/null || echo 0)
    ((kb > peak)) && peak=$kb
    sleep 0.05
  done
  wait "$wrk_pid" || true
  PEAK=$(awk -v k="$peak" 'BEGIN {printf "%.1f", k / 1024}')
  grep -E 'Non-2xx|Socket errors' "$out" | sed 's/^/    /' || true
  [[ -n "$(awk '/^Requests\/sec:/ {print $2}' "$out")" ]] || { echo "wrk gave no rate:"; cat "$out"; exit 1; }
}

# ---- memory --------------------------------------------------------------------------------
# shellcheck disable=SC2034 # read by line(), by name
declare -A R # R[name,figure] = MiB
memory_of() { # NAME BIN
  local name=$1 bin=$2 data=$WORK/data-$1 rss hwm
  echo
  echo "== $name: $bin"
  # demo, as a new user starts it (no generated history, so that only the server is measured).
  start_server SERVER_PID "$WORK/$name-demo.log" "$URL/readyz" "$bin" demo --applications 0 --listen "127.0.0.1:$PORT" --data-dir "$data"
  sleep "$SETTLE"
  read -r rss hwm <<<"$(mem "$SERVER_PID")"
  R[$name,demo_idle]=$rss R[$name,demo_idle_hwm]=$hwm
  echo "  demo idle:                 VmRSS $rss MiB, VmHWM $hwm MiB"
  load_peak "$WORK/$name-demo-wrk.txt" -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -H 'Accept-Encoding: gzip' "$URL$PAGE"
  read -r rss hwm <<<"$(mem "$SERVER_PID")"
  R[$name,demo_load]=$PEAK R[$name,demo_after]=$rss
  echo "  demo, $CONNECTIONS conns on $PAGE: peak VmRSS $PEAK MiB ($(awk '/^Requests\/sec:/ {print $2}' "$WORK/$name-demo-wrk.txt") req/s); after: VmRSS $rss MiB, VmHWM $hwm MiB"
  stop_server

  # demo as a new user types it: with its default history of generated applications.
  if [[ "${SKIP_DEFAULT_DEMO:-}" != 1 ]]; then
    start_server SERVER_PID "$WORK/$name-demo-default.log" "$URL/readyz" "$bin" demo --listen "127.0.0.1:$PORT" --data-dir "$WORK/data-$name-default"
    sleep "$SETTLE"
    read -r rss hwm <<<"$(mem "$SERVER_PID")"
    R[$name,default_idle]=$rss
    echo "  demo (default applications) idle: VmRSS $rss MiB, VmHWM $hwm MiB"
    stop_server
  fi

  # serve, as in production, on the same data.
  start_server SERVER_PID "$WORK/$name-serve.log" "$URL/readyz" env HROMADA_PUBLIC_URL="$URL" "$bin" serve --listen "127.0.0.1:$PORT" --data-dir "$data"
  sleep "$SETTLE"
  read -r rss hwm <<<"$(mem "$SERVER_PID")"
  R[$name,serve_idle]=$rss
  echo "  serve idle:                VmRSS $rss MiB, VmHWM $hwm MiB"
  load_peak "$WORK/$name-serve-wrk.txt" -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -H 'Accept-Encoding: gzip' "$URL$PAGE"
  read -r rss hwm <<<"$(mem "$SERVER_PID")"
  R[$name,serve_load]=$PEAK
  echo "  serve, $CONNECTIONS conns on $PAGE: peak VmRSS $PEAK MiB ($(awk '/^Requests\/sec:/ {print $2}' "$WORK/$name-serve-wrk.txt") req/s); after: VmRSS $rss MiB, VmHWM $hwm MiB"
  if [[ -n "${SUBMIT_BIN:-}" ]]; then
    local env seconds=${DURATION%s} FIRST_ID LAST_ID SESSION CSRF
    env=$("$SUBMIT_BIN" prepare --db "$data/hromada.db" --drafts $((6000 * seconds)))
    eval "$env"
    load_peak "$WORK/$name-submit-wrk.txt" -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -s "$ROOT/bench/submit.lua" "$URL" \
      -- "$FIRST_ID" "$LAST_ID" "$THREADS" "$SESSION" "$CSRF"
    read -r rss hwm <<<"$(mem "$SERVER_PID")"
    R[$name,submit_load]=$PEAK
    echo "  serve, $CONNECTIONS conns submitting: peak VmRSS $PEAK MiB ($(awk '/^Requests\/sec:/ {print $2}' "$WORK/$name-submit-wrk.txt") req/s); after: VmRSS $rss MiB, VmHWM $hwm MiB"
  fi
  stop_server
}

# ---- start-up -----------------------------------------------------------------------------
cat >"$WORK/startup.py" <<'EOF'
# startup.py PORT LOG COLD DATA_DIR COMMAND...: ms from exec to the first 200 of /healthz.
import os, socket, subprocess, sys, time
port, log, cold, data = int(sys.argv[1]), sys.argv[2], sys.argv[3] == "1", sys.argv[4]
command = sys.argv[5:]
if cold:
    for root, _, files in os.walk(data):
        for name in files:
            try:
                fd = os.open(os.path.join(root, name), os.O_RDONLY)
            except OSError:
                continue
            try:
                os.fsync(fd)
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)
request = b"GET /healthz HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n"
with open(log, "ab") as out:
    started = time.monotonic()
    server = subprocess.Popen(command, stdout=out, stderr=out)
    ms = None
    while ms is None:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
                s.sendall(request)
                if s.recv(16).startswith(b"HTTP/1.1 200"):
                    ms = (time.monotonic() - started) * 1000
        except OSError:
            pass
        if ms is None:
            if server.poll() is not None:
                sys.exit(f"the server exited ({server.returncode}); see {log}")
            time.sleep(0.002)
    server.terminate()
    try:
        server.wait(10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
print(f"{ms:.1f}")
EOF

# Median ms of STARTS start-ups of `serve` by BIN on DATA (INSTALLATION small: the demo
# without cases, the baseline; big: CASES cases), WARMTH cold or warm.
declare -A S # S[name,installation,warmth] = median ms
startup_of() { # NAME BIN DATA INSTALLATION WARMTH
  local ms all=() i cold=0
  [[ $5 == cold ]] && cold=1
  for ((i = 0; i < STARTS; i++)); do
    ms=$(HROMADA_PUBLIC_URL=$URL python3 "$WORK/startup.py" "$PORT" "$WORK/$1-start-$4.log" "$cold" "$3" \
      "$2" serve --listen "127.0.0.1:$PORT" --data-dir "$3")
    all+=("$ms")
  done
  S[$1,$4,$5]=$(median "${all[@]}")
  printf '  %-7s %-28s %-5s median %8s ms  (%s)\n' "$1" "$4" "$5" "${S[$1,$4,$5]}" "${all[*]}"
}

if [[ "${SKIP_MEMORY:-}" != 1 ]]; then
  for i in "${!NAMES[@]}"; do memory_of "${NAMES[$i]}" "${BINS[$i]}"; done
fi

if [[ "${SKIP_STARTUP:-}" != 1 ]]; then
  echo
  BIG=${BIG_DATA:-$WORK/big}
  # Made (or topped up) by the newest binary; a kept folder is reused.
  echo "== the big installation: $CASES cases in $BIG"
  started=$(date +%s.%N)
  "$BIN" demo --applications "$CASES" --listen "127.0.0.1:$PORT" --data-dir "$BIG" >"$WORK/big-demo.log" 2>&1 &
  SERVER_PID=$!
  wait_http "$URL/healthz" "$WORK/big-demo.log" "$SERVER_PID" 7200 "not listening (still generating?)"
  made=$(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN {printf "%.1f", e - s}')
  stop_server
  grep -E 'generated [0-9]+ of|already there' "$WORK/big-demo.log" | tail -n 1 | sed 's/^/  /' || true
  echo "  demo --applications $CASES: listening after $made s; database $(du -sh "$BIG" | cut -f1)"
  SMALL=$WORK/small
  if [[ ! -d $SMALL ]]; then
    start_server SERVER_PID "$WORK/small-demo.log" "$URL/healthz" "$BIN" demo --applications 0 --listen "127.0.0.1:$PORT" --data-dir "$SMALL"
    stop_server
  fi
  echo
  echo "== start-up: exec to the first 200 of /healthz ($STARTS runs each, polled every 2 ms; load average $(loadavg))"
  for warmth in warm cold; do
    for i in "${!NAMES[@]}"; do
      startup_of "${NAMES[$i]}" "${BINS[$i]}" "$SMALL" small "$warmth"
      startup_of "${NAMES[$i]}" "${BINS[$i]}" "$BIG" big "$warmth"
    done
  done
  # Memory of the server on the big installation, idle once started.
  for i in "${!NAMES[@]}"; do
    start_server SERVER_PID "$WORK/${NAMES[$i]}-big-serve.log" "$URL/readyz" env HROMADA_PUBLIC_URL="$URL" "${BINS[$i]}" serve --listen "127.0.0.1:$PORT" --data-dir "$BIG"
    sleep "$SETTLE"
    read -r rss hwm <<<"$(mem "$SERVER_PID")"
    # shellcheck disable=SC2034 # read by line(), by name
    R[${NAMES[$i]},big_idle]=$rss
    echo "  ${NAMES[$i]}: serve on $CASES cases, idle: VmRSS $rss MiB, VmHWM $hwm MiB"
    stop_server
  done
fi

# ---- summary -------------------------------------------------------------------------------
echo
echo "== summary (MiB; ms; load average $(loadavg))"
line() { # LABEL KEY GOAL_OP GOAL [ARRAY]
  local label=$1 key=$2 op=$3 goal=$4 arr=${5:-R} name v row
  row=$(printf '%-44s' "$label")
  for name in "${NAMES[@]}"; do
    local ref="${arr}[$name,$key]"
    v=${!ref:-}
    row+=$(printf ' %10s' "${v:--}")
  done
  if [[ -n "$v" && -n "$goal" ]]; then row+="   goal $op $goal: $(verdict "$v" "$op" "$goal")"; fi
  echo "$row"
}
printf '%-44s' ''; for name in "${NAMES[@]}"; do printf ' %10s' "$name"; done; echo
if [[ "${SKIP_MEMORY:-}" != 1 ]]; then
  line "demo idle, VmRSS" demo_idle '<=' "$GOAL_IDLE_MB"
  line "demo idle, VmHWM (peak since exec)" demo_idle_hwm '' ''
  if [[ "${SKIP_DEFAULT_DEMO:-}" != 1 ]]; then line "demo with its default applications, idle" default_idle '<=' "$GOAL_IDLE_MB"; fi
  line "demo, $CONNECTIONS conns on the page, peak" demo_load '<=' "$GOAL_LOAD_MB"
  line "serve idle, VmRSS" serve_idle '' ''
  line "serve, $CONNECTIONS conns on the page, peak" serve_load '<=' "$GOAL_LOAD_MB"
  if [[ -n "${SUBMIT_BIN:-}" ]]; then line "serve, $CONNECTIONS conns submitting, peak" submit_load '<=' "$GOAL_LOAD_MB"; fi
fi
if [[ "${SKIP_STARTUP:-}" != 1 ]]; then
  line "serve idle on $CASES cases, VmRSS" big_idle '' ''
  for warmth in warm cold; do
    line "start, no cases, $warmth (ms)" "small,$warmth" '' '' S
    line "start, $CASES cases, $warmth (ms)" "big,$warmth" '<' "$GOAL_START_MS" S
  done
fi
