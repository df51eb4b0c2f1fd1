#!/usr/bin/env bash
# A backup taken while robots submit restores whole (issue 14), on SQLite and on
# PostgreSQL. For each database:
#
#  1. `hromada demo` on a new data folder (and, for PostgreSQL, a new database),
#     with a generated history of decisions and signed documents;
#  2. robots over plain HTTP (.ci/backup_roundtrip.py robots): residents without an
#     account apply for "Звернення громадян" in Bucha through its pages (CSRF token
#     and cookies as the pages give them), each from an address of its own behind
#     the demo's one proxy, uploading files of their own content and mostly removing
#     one again a moment later; an officer signs in (password, TOTP code), takes
#     their cases on and answers them, which signs a document;
#  3. once they have submitted 20 and the officer has answered 2, `hromada backup DEST`
#     of the running installation; the robots go on 3 seconds more, then stop;
#  4. the demo is stopped (SIGTERM, gracefully) so that the live installation holds
#     still; `hromada backup verify`, `hromada restore` onto a new data folder and a
#     new database, `hromada audit verify` of the restored one;
#  5. the restored database against the live one (backup_roundtrip.py compare): every
#     restored row of cases, case_events, case_files, audit_log, documents and
#     signing_keys identical to the live row of its key, every column (a case may
#     differ only if a robot wrote to it after the backup started, and then not in
#     what never changes once set); the copy a consistent moment (no
#     live row older than its newest missing from it, but those of cases being made
#     while the backup ran); an audit trail of the live one's first rows and the
#     restore's own; robots' applications in the copy and later ones only live (or the
#     backup was not taken under load: fail); every file row's content in the restored
#     uploads under its SHA-256. Then `hromada serve` on the restored installation
#     (backup_roundtrip.py served): its documents checked with
#     `hromada document verify` against its /.well-known/hromada-keys.json (those
#     signed during the load, the revoked ones and a spread of the rest), a few at
#     /verify by their code, and the robots' residents open their cases by their
#     tracking links and download their files, byte for byte;
#  6. refusals, each with exit status 1 and nothing changed: a restore onto the
#     restored (now non-empty) data folder, and onto an empty folder with the
#     restored database; a copy of the backup with one byte of an upload changed, and
#     one with a byte of its database changed (`backup verify` names the file, and the
#     restore writes nothing); a copy missing an upload; a manifest of format 2.
#
#   .ci/backup-roundtrip.sh                 # both databases
#   ROUNDTRIP_DATABASES=sqlite .ci/backup-roundtrip.sh
#
# Environment: HROMADA_BIN (default target/debug/hromada; built by the caller),
# ROUNDTRIP_DATABASES ("sqlite postgres"), ROUNDTRIP_PG (postgres://postgres@127.0.0.1:5432,
# trust auth: the script creates and drops its databases there), ROUNDTRIP_APPLICATIONS
# (the demo's history, 2000), ROUNDTRIP_RESIDENTS (robots applying at once, 6),
# ROUNDTRIP_BEFORE (applications submitted before the backup, 20), KEEP=1 (keep the
# work folder). Needs python3 (3.11, standard library), psql, pg_dump, pg_restore.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
BIN=${HROMADA_BIN:-$ROOT/target/debug/hromada}
[[ $BIN == /* ]] || BIN=$ROOT/$BIN
PG=${ROUNDTRIP_PG:-postgres://postgres@127.0.0.1:5432}
DATABASES=${ROUNDTRIP_DATABASES:-sqlite postgres}
APPLICATIONS=${ROUNDTRIP_APPLICATIONS:-2000}
RESIDENTS=${ROUNDTRIP_RESIDENTS:-6}
BEFORE=${ROUNDTRIP_BEFORE:-20}
PY="python3 $ROOT/.ci/backup_roundtrip.py"
# The demo seals its keys with its own passphrase; a restore and a server of the
# restored installation need it as an operator's keys_secret.
KEYS_SECRET=$(sed -n 's/^pub const DEMO_KEYS_SECRET: &str = "\(.*\)";$/\1/p' crates/hromada-web/src/documents/keys.rs)
[[ -n $KEYS_SECRET ]] || { echo "cannot read DEMO_KEYS_SECRET from crates/hromada-web/src/documents/keys.rs"; exit 2; }
[[ -x $BIN ]] || { echo "no hromada binary at $BIN: build it (cargo build -p hromada) or set HROMADA_BIN"; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/hromada-roundtrip.XXXXXX")
PIDS=()
DBS=()
FAILURES=()
SUMMARY=()

psql_admin() {
  psql -X -q -v ON_ERROR_STOP=1 "$PG/postgres" -c "$1"
}

cleanup() {
  local rc=$?
  set +e
  for pid in "${PIDS[@]}"; do
    kill -0 "$pid" 2>/dev/null && kill -TERM "$pid" 2>/dev/null
  done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null
  done
  for db in "${DBS[@]}"; do psql_admin "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1; done
  if [[ ${KEEP:-} == 1 ]]; then echo "work folder kept: $WORK"; else rm -rf "$WORK"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# forget PID: it has been waited for (so cleanup never signals a reused id).
forget() {
  local kept=() pid
  for pid in "${PIDS[@]}"; do [[ $pid == "$1" ]] || kept+=("$pid"); done
  PIDS=("${kept[@]}")
}

fail() {
  echo "FAIL ($LABEL): $*"
  FAILURES+=("$LABEL: $*")
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# new_database NAME VAR: a new, empty database; its URL in VAR (dropped at exit).
new_database() {
  local name=hromada_roundtrip_${$}_$1
  DBS+=("$name")
  psql_admin "CREATE DATABASE \"$name\"" >/dev/null
  printf -v "$2" '%s' "$PG/$name"
}

# start_server LOG ARGS…: `hromada ARGS… --listen 127.0.0.1:PORT` in the background
# (environment as set by the caller); sets SERVER_PID and BASE once /readyz answers.
start_server() {
  local log=$1 port
  shift
  port=$(free_port)
  BASE=http://127.0.0.1:$port
  "$BIN" "$@" --listen "127.0.0.1:$port" >"$log" 2>&1 &
  SERVER_PID=$!
  PIDS+=("$SERVER_PID")
  local deadline=$((SECONDS + 180))
  until curl -fsS -o /dev/null "$BASE/readyz" 2>/dev/null; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null || ((SECONDS > deadline)); then
      echo "hromada $1 did not become ready; its log:"
      tail -n 40 "$log"
      kill -KILL "$SERVER_PID" 2>/dev/null || true
      wait "$SERVER_PID" 2>/dev/null || true
      forget "$SERVER_PID"
      return 1
    fi
    sleep 0.3
  done
}

# stop_server: SIGTERM; it must exit with status 0 within 15 s.
stop_server() {
  local rc=0
  kill -TERM "$SERVER_PID"
  for _ in $(seq 1 150); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -KILL "$SERVER_PID"
    rc=1
  fi
  wait "$SERVER_PID" 2>/dev/null || rc=$?
  forget "$SERVER_PID"
  return "$rc"
}

# refused WHAT PATTERN COMMAND…: the command must exit with status 1 and say PATTERN
# (backup and restore run with --lang en: the patterns are their English words).
refused() {
  local what=$1 pattern=$2 rc=0
  shift 2
  "$@" >"$WORK/refused.out" 2>&1 || rc=$?
  if ((rc != 1)); then
    fail "$what: exit status $rc, expected 1: $(head -c 600 "$WORK/refused.out")"
  elif ! grep -qF -- "$pattern" "$WORK/refused.out"; then
    fail "$what: refused, but without saying \"$pattern\": $(head -c 600 "$WORK/refused.out")"
  else
    echo "  refused as it must be — $what: $(head -n 1 "$WORK/refused.out" | cut -c1-220)"
  fi
}

# fingerprint DATA_DIR DB_URL: every file of the data folder and every row of the
# database, hashed (for "the refused command changed nothing").
fingerprint() {
  local dir=$1 db=$2
  (cd "$dir" && find . -type f ! -name '*-shm' ! -name 'backup.lock' -print0 | sort -z | xargs -0 -r sha256sum)
  if [[ $db == postgres* ]]; then
    for t in cases case_events case_files audit_log documents signing_keys accounts; do
      psql -X -At "$db" -c "SELECT '$t', count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM $t t"
    done
  fi
}

# no_target_written DATA_DIR DB_URL: a refused restore wrote nothing there.
no_target_written() {
  local dir=$1 db=$2 what=$3
  local written
  written=$(find "$dir" -type f -print -quit 2>/dev/null)
  [[ -z $written ]] || fail "$what: the refused restore wrote into $dir: $written"
  if [[ $db == postgres* ]]; then
    local tables
    tables=$(psql -X -At "$db" -c "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()")
    ((tables == 0)) || fail "$what: the refused restore made $tables tables in the empty database"
  elif [[ -e ${db#sqlite://} ]]; then
    fail "$what: the refused restore made the database file ${db#sqlite://}"
  fi
}

# ---------------------------------------------------------------------------

roundtrip() {
  local kind=$1 started=$SECONDS
  LABEL=$kind
  local dir=$WORK/$kind
  mkdir -p "$dir/robots"
  local live_data=$dir/live restored_data=$dir/restored backup=$dir/backup live_db restored_db empty_db
  if [[ $kind == postgres ]]; then
    new_database live live_db
    new_database restored restored_db
    new_database empty empty_db
  else
    live_db=sqlite://$live_data/hromada.db
    restored_db=sqlite://$restored_data/hromada.db
    empty_db=sqlite://$dir/empty/hromada.db
  fi
  local live_file=${live_db#sqlite://} restored_file=${restored_db#sqlite://}

  echo "-- $kind: hromada demo --applications $APPLICATIONS"
  # Behind one proxy, as in production: each robot resident comes from an address
  # of its own (X-Forwarded-For), so the limits per address do not stop them.
  if ! HROMADA_PROXY_HOPS=1 start_server "$dir/live.log" demo --data-dir "$live_data" --database-url "$live_db" --applications "$APPLICATIONS"; then
    fail "the demo did not start"
    return 0
  fi
  echo "   ready in $((SECONDS - started)) s at $BASE"
  local officer
  officer=$(grep -m1 '^officer buchanska ' "$dir/live.log" | cut -d' ' -f3- || true)
  [[ -n $officer ]] || fail "no \"officer buchanska …\" line in the demo's log: the officer robot cannot sign in"

  echo "-- $kind: $RESIDENTS residents apply (with uploads), an officer answers"
  $PY robots --base "$BASE" --out "$dir/robots" --residents "$RESIDENTS" --officer "$officer" &
  local robots_pid=$!
  PIDS+=("$robots_pid")
  local deadline=$((SECONDS + 120)) submitted=0 approved=0
  while :; do
    if [[ -f $dir/robots/progress.json ]]; then
      read -r submitted approved < <(python3 -c 'import json,sys; p = json.load(open(sys.argv[1])); print(p["submitted"], p["approved"])' "$dir/robots/progress.json")
    fi
    ((submitted >= BEFORE && approved >= 2)) && break
    if ! kill -0 "$robots_pid" 2>/dev/null || ((SECONDS > deadline)); then
      fail "the robots did not submit $BEFORE applications with 2 answered in time ($submitted submitted, $approved answered)"
      touch "$dir/robots/stop"
      wait "$robots_pid" || true
      forget "$robots_pid"
      stop_server || true
      return 0
    fi
    sleep 0.2
  done

  echo "-- $kind: hromada backup, with $submitted applications submitted and $approved answered so far"
  local t0 t1
  t0=$(date +%s.%N)
  if ! "$BIN" backup --lang en "$backup" --data-dir "$live_data" --database-url "$live_db" >"$dir/backup.out" 2>&1; then
    fail "hromada backup failed: $(cat "$dir/backup.out")"
  fi
  t1=$(date +%s.%N)
  sed 's/^/   /' "$dir/backup.out"
  sleep 3
  touch "$dir/robots/stop"
  wait "$robots_pid" || fail "a robot failed (see above)"
  forget "$robots_pid"

  echo "-- $kind: the live installation stopped, then verify, restore, audit verify"
  stop_server || fail "the demo did not stop gracefully on SIGTERM"
  [[ -f $backup/manifest.json ]] || { fail "no backup to go on with"; return 0; }
  "$BIN" backup verify --lang en "$backup" || fail "hromada backup verify refused the backup just made"
  if ! HROMADA_KEYS_SECRET=$KEYS_SECRET "$BIN" restore --lang en "$backup" --data-dir "$restored_data" --database-url "$restored_db" >"$dir/restore.out" 2>&1; then
    fail "hromada restore failed: $(cat "$dir/restore.out")"
    return 0
  fi
  sed 's/^/   /' "$dir/restore.out"
  "$BIN" audit verify --data-dir "$restored_data" --database-url "$restored_db" >"$dir/audit.out" 2>&1 || fail "hromada audit verify failed on the restored installation"
  sed 's/^/   restored: /' "$dir/audit.out"

  echo "-- $kind: the restored database against the live one"
  local live_read=$live_db restored_read=$restored_db
  [[ $kind == postgres ]] || { live_read=$live_file; restored_read=$restored_file; }
  if ! $PY compare --live "$live_read" --restored "$restored_read" --robots "$dir/robots/robots.json" --window "$t0" "$t1" \
    --uploads "$restored_data/uploads" --summary "$dir/summary.txt" >"$dir/compare.out" 2>&1; then
    fail "the restored database is not the live one's moment of the backup (below)"
  fi
  sed 's/^/   /' "$dir/compare.out"

  echo "-- $kind: hromada serve on the restored installation"
  if HROMADA_KEYS_SECRET=$KEYS_SECRET start_server "$dir/restored.log" serve --data-dir "$restored_data" --database-url "$restored_db"; then
    if ! $PY served --base "$BASE" --hromada "$BIN" --db "$restored_read" --robots "$dir/robots/robots.json" --out "$dir" \
      --summary "$dir/summary.txt" >"$dir/served.out" 2>&1; then
      fail "the restored installation does not serve what it holds (below)"
    fi
    sed 's/^/   /' "$dir/served.out"
    stop_server || fail "the restored server did not stop gracefully on SIGTERM"
  else
    fail "hromada serve did not start on the restored installation"
  fi

  echo "-- $kind: what must be refused"
  local before
  before=$(fingerprint "$restored_data" "$restored_db")
  refused "restore onto the restored (non-empty) data folder" "already holds files" \
    env HROMADA_KEYS_SECRET="$KEYS_SECRET" "$BIN" restore --lang en "$backup" --data-dir "$restored_data" --database-url "$restored_db"
  mkdir -p "$dir/empty-data"
  refused "restore onto an empty data folder but the restored (non-empty) database" \
    "$([[ $kind == postgres ]] && echo "already has" || echo "already exists")" \
    env HROMADA_KEYS_SECRET="$KEYS_SECRET" "$BIN" restore --lang en "$backup" --data-dir "$dir/empty-data" --database-url "$restored_db"
  no_target_written "$dir/empty-data" "sqlite://$dir/empty-data/none.db" "restore onto the restored database"
  [[ $(fingerprint "$restored_data" "$restored_db") == "$before" ]] || fail "a refused restore changed the restored installation"

  local upload database
  upload=$(cd "$backup" && find uploads -type f -print -quit)
  database=$(cd "$backup" && ls database.*)
  local copy said
  for what in upload database removed format2; do
    copy=$dir/copy-$what
    cp -a "$backup" "$copy"
    case $what in
      upload | database)
        local file=$upload
        [[ $what == database ]] && file=$database
        python3 -c 'import sys; p = sys.argv[1]; b = bytearray(open(p, "rb").read()); b[len(b) // 2] ^= 1; open(p, "wb").write(b)' "$copy/$file"
        said="$file: its content has changed"
        refused "backup verify of a copy with one byte of $file changed" "$said" "$BIN" backup verify --lang en "$copy"
        ;;
      removed)
        rm "$copy/$upload"
        said="$upload: missing"
        refused "backup verify of a copy without $upload" "$said" "$BIN" backup verify --lang en "$copy"
        ;;
      format2)
        python3 -c 'import json, sys; p = sys.argv[1]; m = json.load(open(p)); m["format_version"] = 2; json.dump(m, open(p, "w"), indent=2)' "$copy/manifest.json"
        said="made by a newer Hromada"
        refused "backup verify of a manifest of format 2" "$said" "$BIN" backup verify --lang en "$copy"
        ;;
    esac
    rm -rf "$dir/empty-data" && mkdir -p "$dir/empty-data"
    refused "restore of that copy" "$said" \
      env HROMADA_KEYS_SECRET="$KEYS_SECRET" "$BIN" restore --lang en "$copy" --data-dir "$dir/empty-data" --database-url "$empty_db"
    no_target_written "$dir/empty-data" "$empty_db" "restore of the copy ($what)"
    rm -rf "$copy"
  done

  SUMMARY+=("$kind: $(cat "$dir/summary.txt" 2>/dev/null)$((SECONDS - started)) s")
}

STARTED=$SECONDS
for kind in $DATABASES; do
  roundtrip "$kind"
done

echo
echo "== backup → restore round trip under load"
for s in "${SUMMARY[@]}"; do echo "  $s"; done
if ((${#FAILURES[@]})); then
  for f in "${FAILURES[@]}"; do echo "FAILED: $f"; done
  exit 1
fi
echo "the round trip held on ${DATABASES// / and } in $((SECONDS - STARTED)) s"
