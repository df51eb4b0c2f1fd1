#!/usr/bin/env bash
# A backup of a large installation while it takes submissions: how long
# `hromada backup DEST` takes, how large the backup is, and how many submissions
# a second the server answers while it runs against without it, in the same run.
# The measurement of issue 14: 1,000,000 generated cases and 1 GB of uploads on
# SQLite; the backup must not stop submissions, and the ratio says how much it
# slows them.
#
#   bench/backup.sh
#   CASES=100000 UPLOAD_MB=128 bench/backup.sh     # a smaller installation
#
# Preparing (once, not part of the figures): `hromada demo --applications CASES`
# generates the cases; the helper's `attach` (crates/hromada/benches/submit.rs)
# then adds files of unique random content totalling UPLOAD_MB MiB, each a
# resident's message with an attachment on a submitted case: the content written
# by the server's own FileStore to <data>/uploads/ab/<sha256>, the row through
# the store's `record_case_event`.
# Measuring: `hromada serve` (release build, SQLite, default log level) on that
# folder; wrk POSTs /applications/{id}/submit as bench/submit.sh does (every
# request a draft of its own; bench/backup.lua adds a count per second). Each
# round runs wrk without a backup, then with `hromada backup` running: a backup
# is started, wrk starts at once, and backups follow one another into new folders
# until wrk has finished. Every wrk run is checked against the database's count,
# and every backup with `hromada backup verify` and against its own database
# (each upload the copy refers to is in it), or the run gives no figure.
#
# Environment:
#   CASES=1000000     generated applications
#   UPLOAD_MB=1024    uploads in all, MiB
#   FILE_KB=512       mean size of one upload, KiB (each between 1/4 and 7/4 of it)
#   ROUNDS=3          rounds; each runs wrk without a backup, then during backups
#   DURATION=20       seconds of each wrk run
#   THREADS=2 CONNECTIONS=64
#   BACKUP_NICE=N     run each backup under `nice -n N` (default: as it is, like a cron job)
#   DRAFTS_PER_SECOND drafts made before each run, per second of the run [default:
#                     twice the warm-up's rate]; a run's unused drafts are deleted after
#                     it (until then every backup copies them)
#   HROMADA_BIN=... SUBMIT_BIN=...   use these binaries (hromada, and the bench
#                     helper built by `cargo bench --no-run -p hromada --bench submit`)
#   DATA=DIR          the installation's data folder, left there at the end; one an
#                     earlier run prepared with the same CASES, UPLOAD_MB and FILE_KB
#                     is reused as it is [default: in the work folder]
#   BENCH_DIR=DIR     where the work folder goes (data, backups, logs) [default: /tmp,
#                     or target/ if /tmp is in memory]
#   KEEP=1            keep the work folder (and every backup) at the end
#
# Disk: the installation (about 1.6 GiB of database per million cases, plus the uploads)
# and the backups of one round until they are checked (two or three at the defaults,
# each the database and the uploads again): about 10 GiB for the defaults.
# Everything runs on this machine's loopback; wrk, hromada and the backup share its cores.
set -euo pipefail

# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$(dirname "$0")/lib.sh"

CASES=${CASES:-1000000}
UPLOAD_MB=${UPLOAD_MB:-1024}
FILE_KB=${FILE_KB:-512}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-20}
DURATION=${DURATION%s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
DRAFTS_PER_SECOND=${DRAFTS_PER_SECOND:-}
# The servers and backups get their settings from the command line only.
unset HROMADA_DATABASE_URL HROMADA_DATA_DIR HROMADA_LISTEN HROMADA_LOG_FORMAT

HROMADA_PID=
LOOP_PID=
SERVER_PIDS=(HROMADA_PID LOOP_PID)

install_missing wrk curl

# --- build ----------------------------------------------------------------------
if [[ -z "${HROMADA_BIN:-}" || -z "${SUBMIT_BIN:-}" ]]; then
  artifacts=$(cargo bench --no-run -p hromada --bench submit --message-format=json-render-diagnostics)
  executable() { # KIND NAME -> path of that target's executable
    grep "\"kind\":\[\"$1\"\]" <<<"$artifacts" | grep "\"name\":\"$2\"" | grep -o '"executable":"[^"]*"' | tail -n 1 | cut -d'"' -f4
  }
  HROMADA_BIN=${HROMADA_BIN:-$(executable bin hromada)}
  SUBMIT_BIN=${SUBMIT_BIN:-$(executable bench submit)}
fi
must_be_executable "$HROMADA_BIN" "$SUBMIT_BIN"

# --- the work folder and the installation, on a real disk --------------------------
disk_work_dir backup ": a backup's speed there says nothing of a disk"
DATA=${DATA:-$WORK/data}
DB=$DATA/hromada.db
BACKUPS=$WORK/backups
mkdir -p "$BACKUPS"
echo "work folder $WORK ($(disk_of "$WORK")); installation in $DATA ($(disk_of "$(dirname "$DATA")"))"
echo "machine: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(free -g | awk '/^Mem:/ {print $2}') GB of memory, load average $(loadavg)"
echo "free disk: $(df -h --output=avail "$WORK" | tail -n 1 | tr -d ' ')"

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; } # FROM TO -> seconds
human() { numfmt --to=iec-i --suffix=B "$1" 2>/dev/null || echo "$1 B"; }
bytes_of() { du -sb "$@" 2>/dev/null | awk '{n += $1} END {print n + 0}'; }
mb() { awk -v b="$1" 'BEGIN { printf "%.0f", b / 1048576 }'; }

stop_hromada() {
  kill -TERM "$HROMADA_PID"
  wait "$HROMADA_PID" || true
  HROMADA_PID=
}

PORT=$(free_port)
URL=http://127.0.0.1:$PORT
MARK=$DATA/.bench-backup
WANT="cases=$CASES upload_mb=$UPLOAD_MB file_kb=$FILE_KB"
if [[ -f "$MARK" && "$(cat "$MARK")" == "$WANT" ]]; then
  echo "reusing the installation prepared in $DATA ($WANT)"
else
  if [[ -e "$DB" ]]; then
    echo "$DATA already holds an installation not prepared for $WANT: give DATA a new folder"
    exit 1
  fi
  echo
  echo "preparing: $CASES generated applications (hromada demo --applications $CASES)…"
  started=$(now)
  "$HROMADA_BIN" demo --applications "$CASES" --listen "127.0.0.1:$PORT" --data-dir "$DATA" >"$WORK/demo.log" 2>&1 &
  HROMADA_PID=$!
  last=$SECONDS
  until grep -q '^Listening on' "$WORK/demo.log"; do
    kill -0 "$HROMADA_PID" 2>/dev/null || { echo "demo exited; its log:"; tail -n 40 "$WORK/demo.log"; exit 1; }
    if ((SECONDS - last >= 60)); then
      last=$SECONDS
      echo "  $(grep -a '^generated ' "$WORK/demo.log" | tail -n 1 || echo 'starting')"
    fi
    sleep 1
  done
  stop_hromada
  generated=$(now)
  echo "  $(grep -a -E '^generated [0-9]+ of|already there' "$WORK/demo.log" | tail -n 1)"
  echo "  generated in $(elapsed "$started" "$generated") s"
  echo "preparing: ${UPLOAD_MB} MiB of uploads (mean ${FILE_KB} KiB) attached to submitted cases…"
  "$SUBMIT_BIN" attach --db "$DB" --data-dir "$DATA" --mb "$UPLOAD_MB" --file-kb "$FILE_KB" >"$WORK/attach.txt"
  attached=$(now)
  echo "  $(tr '\n' ' ' <"$WORK/attach.txt")"
  echo "  attached in $(elapsed "$generated" "$attached") s; prepared in $(elapsed "$started" "$attached") s in all (not part of the figures)"
  echo "$WANT" >"$MARK"
fi
echo "installation: database $(human "$(bytes_of "$DB" "$DB-wal")"), uploads $(human "$(bytes_of "$DATA/uploads")") in $(find "$DATA/uploads" -type f | wc -l) files"

# --- serve (as in production: no demo banner, no seeding) ---------------------------
start_server HROMADA_PID "$WORK/hromada.log" "$URL/readyz" env HROMADA_PUBLIC_URL="$URL" "$HROMADA_BIN" serve --listen "127.0.0.1:$PORT" --data-dir "$DATA"

counted() { # DB [UPLOADS] -> sets C_SUBMITTED C_FILES C_MISSING
  local out
  out=$("$SUBMIT_BIN" count --db "$1" ${2:+--uploads "$2"})
  C_SUBMITTED=$(awk -F= '$1 == "SUBMITTED" {print $2}' <<<"$out")
  C_FILES=$(awk -F= '$1 == "FILES" {print $2}' <<<"$out")
  C_MISSING=$(awk -F= '$1 == "MISSING_UPLOADS" {print $2}' <<<"$out")
}
submitted() { counted "$DB" && echo "$C_SUBMITTED"; }
counted "$DB"
INSTALLED_FILES=$C_FILES

prepare() { # N -> sets FIRST_ID LAST_ID SESSION CSRF ROW_BYTES ...
  local env
  env=$("$SUBMIT_BIN" prepare --db "$DB" --drafts "$1")
  eval "$env"
}

# wrk as bench/submit.sh runs it, with bench/backup.lua's count per second. With
# STOP (a file) and START (a command): START runs once the drafts are made, just
# before wrk, and STOP is made as soon as wrk has finished. The run's unused drafts
# stay until drop_unused.
run_wrk() { # NAME SECONDS [STOP START…] -> sets RATE P50 P99 MAX_MS SLOWEST PER_SECOND OK DB_DELTA VALID WRK_START WAL
  local out="$WORK/wrk-$1.txt" before after requests errors elapsed
  prepare $((DRAFTS_PER_SECOND * $2))
  before=$(submitted)
  if (($# > 3)); then "${@:4}"; fi
  WRK_START=$(now)
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2"s --latency -s "$ROOT/bench/backup.lua" "$URL" \
    -- "$FIRST_ID" "$LAST_ID" "$THREADS" "$SESSION" "$CSRF" >"$out" 2>&1
  if (($# > 2)); then touch "$3"; fi
  WAL=$(mb "$(bytes_of "$DB-wal")")
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
  MAX_MS=$(to_ms "$(awk '$1 == "Latency" {print $4; exit}' "$out")")
  # Submissions answered in each whole second (the first and last are partial; a second
  # without an answer counts 0), and the slowest of them.
  PER_SECOND=$(awk '$1 == "SECOND" {n[$2] = $3; if (!first || $2 < first) first = $2; if ($2 > last) last = $2}
    END { for (s = first + 1; s < last; s++) printf "%d ", n[s] + 0 }' "$out")
  SLOWEST=$(tr ' ' '\n' <<<"$PER_SECOND" | awk 'NF && (m == "" || $1 < m) {m = $1} END {print (m == "" ? "?" : m)}')
  VALID=yes
  # Requests still in flight when wrk stops may commit without being counted: at most one per connection.
  if ((errors > 0 || DB_DELTA < OK || DB_DELTA > OK + CONNECTIONS)); then
    VALID=no
    echo "  $1: $requests requests, $errors not 3xx, $DB_DELTA cases submitted in the database (expected $OK..$((OK + CONNECTIONS)))"
    grep -E 'Socket errors' "$out" || true
  fi
}

# Deletes what is left of the last run's drafts (a backup would copy them).
drop_unused() {
  "$SUBMIT_BIN" drop-drafts --db "$DB" --from "$FIRST_ID" --to "$LAST_ID" >/dev/null
}

# One backup into DEST, timed; appends "NAME START END RC" to LIST.
one_backup() { # NAME DEST LIST
  local start rc=0
  start=$(now)
  local wrap=()
  [[ -n "${BACKUP_NICE:-}" ]] && wrap=(nice -n "$BACKUP_NICE")
  "${wrap[@]}" "$HROMADA_BIN" backup "$2" --data-dir "$DATA" >"$2.log" 2>&1 || rc=$?
  echo "$1 $start $(now) $rc" >>"$3"
}

# Backups one after another (ROUND-1, ROUND-2…) until the file STOP exists; the
# first starts at once, a new one only when the last has finished.
backup_loop() { # ROUND LIST STOP
  local k=0 child=
  trap '[[ -n "$child" ]] && kill -TERM "$child" 2>/dev/null; exit 143' TERM
  while :; do
    k=$((k + 1))
    one_backup "$1-$k" "$BACKUPS/$1-$k" "$2" &
    child=$!
    wait "$child" || true
    child=
    [[ -e "$3" ]] && break
  done
}

start_backups() { # ROUND LIST STOP -> LOOP_PID
  backup_loop "$@" &
  LOOP_PID=$!
}

declare -a BK_NAME BK_LOAD BK_SECONDS BK_BYTES BK_DB BK_UP BK_MBS BK_VERIFY
INVALID=0
BAD_BACKUPS=0
# Checks every backup of LIST (exit 0, verify, every upload its database refers to
# present, as many files as the installation), records its figures, removes it unless KEEP=1.
check_backups() { # LIST LOAD
  local name start end rc dest v0 v1 vrc seconds bytes
  while read -r name start end rc; do
    dest=$BACKUPS/$name
    seconds=$(elapsed "$start" "$end")
    if ((rc != 0)); then
      echo "  backup $name failed (exit $rc):"
      tail -n 5 "$dest.log"
      BAD_BACKUPS=$((BAD_BACKUPS + 1))
      continue
    fi
    v0=$(now)
    vrc=0
    "$HROMADA_BIN" backup verify "$dest" >"$dest.verify.log" 2>&1 || vrc=$?
    v1=$(now)
    counted "$dest/database.sqlite" "$dest/uploads"
    if ((vrc != 0)) || [[ "$C_MISSING" != 0 || "$C_FILES" != "$INSTALLED_FILES" ]]; then
      echo "  backup $name is not whole: verify exit $vrc, $C_FILES uploads in its database ($INSTALLED_FILES installed), $C_MISSING of them missing"
      tail -n 3 "$dest.verify.log"
      BAD_BACKUPS=$((BAD_BACKUPS + 1))
      continue
    fi
    bytes=$(bytes_of "$dest")
    BK_NAME+=("$name")
    BK_LOAD+=("$2")
    BK_SECONDS+=("$seconds")
    BK_BYTES+=("$bytes")
    BK_DB+=("$(bytes_of "$dest/database.sqlite")")
    BK_UP+=("$(bytes_of "$dest/uploads")")
    BK_MBS+=("$(awk -v b="$bytes" -v s="$seconds" 'BEGIN { printf "%.1f", b / 1048576 / s }')")
    BK_VERIFY+=("$(elapsed "$v0" "$v1")")
    [[ "${KEEP:-}" == 1 ]] || rm -rf "$dest"
  done <"$1"
}

# --- a backup alone ---------------------------------------------------------------
prepare 1
echo "one submission writes $ROW_BYTES B of values"
echo
echo "a backup with no load (hromada backup DEST while the server is idle)…"
one_backup idle "$BACKUPS/idle" "$WORK/backups-idle.txt"
check_backups "$WORK/backups-idle.txt" idle
grep -a -E '^  |^Backup' "$BACKUPS/idle.log" | sed 's/^/  /' || true

echo
echo "warm-up (2 s)…"
DRAFTS_PER_SECOND=${DRAFTS_PER_SECOND:-10000} run_wrk warmup 2
drop_unused
# Spare drafts are copied by every backup of the run: make twice the warm-up's rate, not more.
if [[ -z "$DRAFTS_PER_SECOND" ]]; then
  DRAFTS_PER_SECOND=$(awk -v r="$RATE" 'BEGIN { n = int(2 * r / 1000 + 1) * 1000; print (n < 2000 ? 2000 : n) }')
fi
echo "drafts made before each run: $DRAFTS_PER_SECOND per second of the run (warm-up: $RATE/s)"

echo "wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency (a new draft per request), without a backup and during backups, $ROUNDS rounds, alternating"
printf '\n%-6s %-8s %11s %8s %8s %9s %8s %8s %6s\n' round run 'per second' 'p50 ms' 'p99 ms' 'max ms' slowest 'WAL MB' load
declare -a W_RATE W_P99 W_MAX W_SLOW D_RATE D_P99 D_MAX D_SLOW D_COUNT
for r in $(seq 1 "$ROUNDS"); do
  run_wrk "without-$r" "$DURATION"
  [[ "$VALID" == yes ]] || INVALID=$((INVALID + 1))
  W_RATE+=("$RATE"); W_P99+=("$P99"); W_MAX+=("$MAX_MS"); W_SLOW+=("$SLOWEST")
  printf '%-6s %-8s %11s %8s %8s %9s %8s %8s %6s   (%s submitted, %s in the database)\n' "$r" without "$RATE" "$P50" "$P99" "$MAX_MS" \
    "$SLOWEST" "$WAL" "$(cut -d' ' -f1 /proc/loadavg)" "$OK" "$DB_DELTA"

  drop_unused

  list=$WORK/backups-$r.txt stop=$WORK/stop-$r
  : >"$list"
  run_wrk "during-$r" "$DURATION" "$stop" start_backups "r$r" "$list" "$stop"
  wait "$LOOP_PID" || true
  LOOP_PID=
  drop_unused
  [[ "$VALID" == yes ]] || INVALID=$((INVALID + 1))
  D_RATE+=("$RATE"); D_P99+=("$P99"); D_MAX+=("$MAX_MS"); D_SLOW+=("$SLOWEST")
  count=$(wc -l <"$list")
  D_COUNT+=("$count")
  printf '%-6s %-8s %11s %8s %8s %9s %8s %8s %6s   (%s submitted, %s in the database; %s backup(s))\n' \
    "$r" during "$RATE" "$P50" "$P99" "$MAX_MS" "$SLOWEST" "$WAL" "$(cut -d' ' -f1 /proc/loadavg)" "$OK" "$DB_DELTA" "$count"
  # When each backup ran, in seconds from wrk's start (wrk ran 0–$DURATION), and the
  # submissions answered in each whole second of the run.
  echo "         backups (s from wrk's start): $(awk -v t0="$WRK_START" '{a = $2 - t0; if (a < 0) a = 0; printf "%s %.1f–%.1f  ", $1, a, $3 - t0}' "$list")"
  echo "         submissions each second: $PER_SECOND"
  check_backups "$list" load
done

# --- figures ----------------------------------------------------------------------
read -r WM WP99 WMAX WSLOW DM DP99 DMAX DSLOW <<<"$(medians W_RATE W_P99 W_MAX W_SLOW D_RATE D_P99 D_MAX D_SLOW)"
RATIO=$(awk -v d="$DM" -v w="$WM" 'BEGIN { printf "%.2f", d / w }')

echo
printf '%-8s %5s %9s %9s %13s %12s %7s %9s\n' backup load seconds 'size MiB' 'database MiB' 'uploads MiB' 'MiB/s' 'verify s'
declare -a LOAD_SECONDS LOAD_MBS VERIFY_ALL
for i in "${!BK_NAME[@]}"; do
  printf '%-8s %5s %9s %9s %13s %12s %7s %9s\n' "${BK_NAME[$i]}" "${BK_LOAD[$i]}" "${BK_SECONDS[$i]}" "$(mb "${BK_BYTES[$i]}")" \
    "$(mb "${BK_DB[$i]}")" "$(mb "${BK_UP[$i]}")" "${BK_MBS[$i]}" "${BK_VERIFY[$i]}"
  VERIFY_ALL+=("${BK_VERIFY[$i]}")
  if [[ "${BK_LOAD[$i]}" == load ]]; then
    LOAD_SECONDS+=("${BK_SECONDS[$i]}")
    LOAD_MBS+=("${BK_MBS[$i]}")
  fi
done

echo
printf '%-8s %18s %14s %14s %22s\n' run 'median per second' 'median p99 ms' 'median max ms' 'median slowest second'
printf '%-8s %18s %14s %14s %22s\n' without "$WM" "$WP99" "$WMAX" "$WSLOW"
printf '%-8s %18s %14s %14s %22s\n' during "$DM" "$DP99" "$DMAX" "$DSLOW"
echo
echo "ratio median(submissions/s during backups) / median(without) = $RATIO (backups in each run: ${D_COUNT[*]}${BACKUP_NICE:+; each under nice -n $BACKUP_NICE})"
if ((${#LOAD_SECONDS[@]})); then
  echo "backup under load: median $(median "${LOAD_SECONDS[@]}") s, $(median "${LOAD_MBS[@]}") MiB/s (${#LOAD_SECONDS[@]} backups)"
fi
if [[ "${BK_NAME[0]:-}" == idle ]]; then
  echo "backup alone: ${BK_SECONDS[0]} s, ${BK_MBS[0]} MiB/s; size $(human "${BK_BYTES[0]}") (database $(human "${BK_DB[0]}"), uploads $(human "${BK_UP[0]}"))"
fi
((${#VERIFY_ALL[@]})) && echo "backup verify: median $(median "${VERIFY_ALL[@]}") s"
echo "submissions in the database: $(submitted); every wrk run checked: $((ROUNDS * 2 - INVALID)) of $((ROUNDS * 2)) valid; every backup checked: $((${#BK_NAME[@]})) whole, $BAD_BACKUPS not"
if ((INVALID > 0 || BAD_BACKUPS > 0)); then
  echo "WARNING: $INVALID wrk run(s) invalid, $BAD_BACKUPS backup(s) failed or not whole; see above: these figures are not a measurement"
  exit 1
fi
