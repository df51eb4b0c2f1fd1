# shellcheck shell=bash
# What the benchmark scripts share: sourced first by each of them,
#
#   set -euo pipefail
#   source "$(dirname "$0")/lib.sh"
#
# which moves to the repository's root (ROOT) and installs the exit trap: at exit
# the servers named in SERVER_PIDS are stopped and the work folder WORK is removed
# (kept with KEEP=1).

cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit
ROOT=$PWD

# The names of the variables that hold the PIDs of the servers the script starts
# (read at exit, so a variable may be set or emptied at any time), and how long a
# server has after SIGTERM before it gets SIGKILL.
SERVER_PIDS=()
STOP_SECONDS=5
# The script's work folder (logs, data), if it has one yet.
WORK=

# SIGTERM to each PID, then SIGKILL to any still running after STOP_SECONDS.
stop_pids() { # PID…
  local pid i
  for pid in "$@"; do
    [[ -n "$pid" ]] && kill -TERM "$pid" 2>/dev/null
  done
  for pid in "$@"; do
    [[ -z "$pid" ]] && continue
    for ((i = 0; i < STOP_SECONDS * 10; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null
  done
  return 0
}

bench_cleanup() {
  local rc=$? name pids=()
  set +e
  for name in "${SERVER_PIDS[@]}"; do pids+=("${!name:-}"); done
  stop_pids "${pids[@]}"
  if [[ -n "$WORK" ]]; then
    if [[ "${KEEP:-}" == 1 ]]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
  fi
  exit "$rc"
}
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

# Installs with apt-get what is missing. SPEC is a command whose package has its name,
# or COMMAND=PACKAGE; a command in /usr/sbin (outside a user's PATH) is there.
install_missing() { # SPEC…
  local spec need=()
  for spec in "$@"; do
    command -v "${spec%%=*}" >/dev/null || [[ -x "/usr/sbin/${spec%%=*}" ]] || need+=("${spec#*=}")
  done
  if ((${#need[@]})); then
    echo "installing ${need[*]}"
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}"
  fi
}

# BIN: $HROMADA_BIN, else target/release/hromada, built first.
# shellcheck disable=SC2034 # BIN is the scripts'
release_bin() {
  if [[ -n "${HROMADA_BIN:-}" ]]; then
    BIN=$HROMADA_BIN
  else
    cargo build --release -p hromada
    BIN=$ROOT/target/release/hromada
  fi
}

must_be_executable() { # PATH…
  local bin
  for bin in "$@"; do
    [[ -x "$bin" ]] || { echo "not an executable: '$bin'"; exit 1; }
  done
}

# --- a work folder on a real disk ----------------------------------------------------------

fstype() { stat -f -c %T "$1" 2>/dev/null || echo unknown; }

# "ext4 on /dev/vda1": the file system of DIR and the device it is on.
disk_of() { # DIR
  echo "$(fstype "$1") on $(df --output=source "$1" | tail -n 1)"
}

# Sets WORK to a new folder hromada-NAME.XXXXXX in BENCH_DIR [default: TMPDIR or /tmp,
# or target/ when that is in memory]. A BENCH_DIR in memory is refused, with WHY.
disk_work_dir() { # NAME WHY
  local base=${BENCH_DIR:-${TMPDIR:-/tmp}}
  case $(fstype "$base") in
    tmpfs | ramfs)
      [[ -n "${BENCH_DIR:-}" ]] && { echo "BENCH_DIR=$BENCH_DIR is in memory (tmpfs)$2"; exit 1; }
      base=$ROOT/target
      ;;
  esac
  mkdir -p "$base"
  WORK=$(mktemp -d "$base/hromada-$1.XXXXXX")
}

# --- servers ---------------------------------------------------------------------------------

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null ||
    node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# Waits until URL answers 2xx (every 0.5 s, for up to SECONDS, default 60); fails,
# showing the end of LOG, when the process PID exits first or time runs out.
wait_http() { # URL LOG PID [SECONDS [WHAT]]
  local seconds=${4:-60} _
  for _ in $(seq 1 $((seconds * 2))); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    kill -0 "$3" 2>/dev/null || { echo "process exited; its log:"; tail -n 40 "$2"; return 1; }
    sleep 0.5
  done
  echo "${5:-not ready} after $seconds s; log:"
  tail -n 40 "$2"
  return 1
}

# Starts COMMAND in the background, its output in LOG, with its PID in the variable
# PID_VAR (set at once, so that the exit trap stops it); waits until READY_URL answers.
start_server() { # PID_VAR LOG READY_URL COMMAND…
  local var=$1 log=$2 url=$3
  shift 3
  "$@" >"$log" 2>&1 &
  printf -v "$var" %s "$!"
  wait_http "$url" "$log" "${!var}"
}

# "123456 kB": the resident memory of process PID, or ?.
rss() { # PID
  awk '/VmRSS/ {print $2, $3}' "/proc/$1/status" 2>/dev/null || echo '?'
}

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

# --- wrk ---------------------------------------------------------------------------------------

to_ms() { # wrk latency like 812.00us / 3.21ms / 1.02s -> ms
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
    printf "%.2f", n }'
}

# The latency percentile PCT (50, 99…) of a wrk --latency output FILE, in ms.
wrk_ms() { # FILE PCT
  to_ms "$(awk -v p="$2%" '$1 == p {print $2}' "$1")"
}

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END { if (NR % 2) print a[(NR+1)/2]; else printf "%.2f\n", (a[NR/2] + a[NR/2+1]) / 2 }'; }

# The medians of the arrays named, on one line: read -r A B <<<"$(medians ARRAY_A ARRAY_B)".
medians() { # ARRAY_NAME…
  local name ref values=()
  for name in "$@"; do
    ref="${name}[@]"
    values+=("$(median "${!ref}")")
  done
  echo "${values[*]}"
}

# met or MISSED: whether VALUE OP GOAL holds, OP an awk comparison (>=, <…).
verdict() { # VALUE OP GOAL
  awk -v v="$1" -v g="$3" "BEGIN { print (v $2 g) ? \"met\" : \"MISSED\" }"
}

# 2 s of load on each URL, not measured.
wrk_warm_up() { # URL…
  local url
  for url in "$@"; do
    wrk -t"$THREADS" -c"$CONNECTIONS" -d2s -H 'Accept-Encoding: gzip' "$url" >/dev/null
  done
}

# wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency, gzip accepted, on URL, its output
# in FILE; sets RPS, P50 and P99 (ms). Errors are reported under LABEL; an output without
# a rate ends the script.
# shellcheck disable=SC2034 # RPS, P50 and P99 are the scripts'
wrk_load() { # FILE LABEL URL
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H 'Accept-Encoding: gzip' "$3" >"$1" 2>&1
  RPS=$(awk '/^Requests\/sec:/ {print $2}' "$1")
  P50=$(wrk_ms "$1" 50)
  P99=$(wrk_ms "$1" 99)
  local errs
  errs=$(grep -E 'Non-2xx|Socket errors' "$1" || true)
  [[ -n "$errs" ]] && echo "  $2: $errs"
  if [[ -z "$RPS" ]]; then
    echo "could not parse wrk output:"
    cat "$1"
    exit 1
  fi
}
