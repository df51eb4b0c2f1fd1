#!/usr/bin/env bash
# Service page throughput: hromada (release build, demo installation on SQLite)
# against nginx serving the same rendered page from disk, both gzip-compressing.
# Goal (PRODUCT.md, "Fast"): hromada's rate >= 0.5 x nginx's.
#
#   bench/catalogue.sh
#
# Environment:
#   ROUNDS=3          rounds; each round loads hromada, then nginx
#   DURATION=10s      wrk duration per run
#   THREADS=2 CONNECTIONS=64
#   PAGE=/buchanska/zapyt-na-publichnu-informatsiiu
#   HROMADA_BIN=...   use this binary instead of building target/release/hromada
#   KEEP=1            keep the temp dir (logs, nginx config, page) at the end
#   STRICT=1          exit 1 when the goal is missed
#
# Everything runs on this machine's loopback; wrk, hromada and nginx share its cores.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
PAGE=${PAGE:-/buchanska/zapyt-na-publichnu-informatsiiu}
GOAL=0.5

HROMADA_PID=
NGINX_PID=
WORK=$(mktemp -d /tmp/hromada-bench.XXXXXX)

cleanup() {
  local rc=$?
  set +e
  for pid in "$HROMADA_PID" "$NGINX_PID"; do
    [[ -n "$pid" ]] && kill -TERM "$pid" 2>/dev/null
  done
  for pid in "$HROMADA_PID" "$NGINX_PID"; do
    [[ -z "$pid" ]] && continue
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null
  done
  if [[ "${KEEP:-}" == 1 ]]; then
    echo "kept $WORK"
  else
    rm -rf "$WORK"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

need=()
command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || need+=(nginx)
command -v wrk >/dev/null || need+=(wrk)
command -v curl >/dev/null || need+=(curl)
if ((${#need[@]})); then
  echo "installing ${need[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}"
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

if [[ -n "${HROMADA_BIN:-}" ]]; then
  BIN=$HROMADA_BIN
else
  cargo build --release -p hromada
  BIN=$ROOT/target/release/hromada
fi

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null ||
    node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

wait_http() { # URL LOG PID
  for _ in $(seq 1 120); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    kill -0 "$3" 2>/dev/null || { echo "process exited; its log:"; tail -n 40 "$2"; return 1; }
    sleep 0.5
  done
  echo "not ready after 60 s; log:"
  tail -n 40 "$2"
  return 1
}

# --- hromada ----------------------------------------------------------------
HPORT=$(free_port)
HURL=http://127.0.0.1:$HPORT
# Default log level, compression and metrics as in production (the demo's defaults).
"$BIN" demo --listen "127.0.0.1:$HPORT" --data-dir "$WORK/data" >"$WORK/hromada.log" 2>&1 &
HROMADA_PID=$!
wait_http "$HURL/readyz" "$WORK/hromada.log" "$HROMADA_PID"

# --- the same page, rendered once, for nginx ----------------------------------
mkdir -p "$WORK/www$(dirname "$PAGE")"
curl -fsS "$HURL$PAGE" -o "$WORK/www$PAGE"
PAGE_BYTES=$(wc -c <"$WORK/www$PAGE")
# nginx's workers run as an unprivileged user: let them read the web root.
chmod 755 "$WORK"
chmod -R a+rX "$WORK/www"

NPORT=$(free_port)
NURL=http://127.0.0.1:$NPORT
mkdir -p "$WORK/nginx/tmp"
cat >"$WORK/nginx/nginx.conf" <<EOF
worker_processes auto;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log $WORK/nginx/access.log;
  client_body_temp_path $WORK/nginx/tmp/body;
  proxy_temp_path $WORK/nginx/tmp/proxy;
  fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
  uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
  scgi_temp_path $WORK/nginx/tmp/scgi;
  sendfile on;
  tcp_nopush on;
  keepalive_timeout 65;
  keepalive_requests 100000;
  types { }
  default_type text/html;
  charset utf-8;
  gzip on;
  gzip_comp_level 6;   # flate2's default level, which tower-http's CompressionLayer uses
  gzip_min_length 32;
  gzip_vary on;
  gzip_types text/html text/css;
  server {
    listen 127.0.0.1:$NPORT;
    root $WORK/www;
    location / { try_files \$uri =404; }
  }
}
EOF
"$NGINX" -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" >"$WORK/nginx/stdout.log" 2>&1 &
NGINX_PID=$!
wait_http "$NURL$PAGE" "$WORK/nginx/error.log" "$NGINX_PID"

# --- same bytes? ---------------------------------------------------------------
hinfo=$(curl -fsS -o "$WORK/h.gz" -w '%{content_type} %{size_download}' -H 'Accept-Encoding: gzip' -D "$WORK/h.hdr" "$HURL$PAGE")
ninfo=$(curl -fsS -o "$WORK/n.gz" -w '%{content_type} %{size_download}' -H 'Accept-Encoding: gzip' -D "$WORK/n.hdr" "$NURL$PAGE")
grep -qi '^content-encoding: *gzip' "$WORK/h.hdr" || echo "WARNING: hromada did not gzip the page"
grep -qi '^content-encoding: *gzip' "$WORK/n.hdr" || echo "WARNING: nginx did not gzip the page"
if ! cmp -s <(gzip -dc "$WORK/h.gz") "$WORK/www$PAGE"; then
  echo "note: hromada's page differs between two renders (dynamic content); nginx serves the first render"
fi
echo "page $PAGE: $PAGE_BYTES B uncompressed"
echo "  hromada $HURL  ($hinfo B gzip)"
echo "  nginx   $NURL  ($ninfo B gzip)"

# --- load ------------------------------------------------------------------------
to_ms() { # wrk latency like 812.00us / 3.21ms / 1.02s -> ms
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
    printf "%.2f", n }'
}

declare -a H_RPS N_RPS H_P99 N_P99
run_wrk() { # NAME ROUND URL -> sets RPS P99
  local out="$WORK/wrk-$1-$2.txt"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H 'Accept-Encoding: gzip' "$3" >"$out" 2>&1
  RPS=$(awk '/^Requests\/sec:/ {print $2}' "$out")
  P99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$out")")
  local errs
  errs=$(grep -E 'Non-2xx|Socket errors' "$out" || true)
  [[ -n "$errs" ]] && echo "  $1 round $2: $errs"
  if [[ -z "$RPS" ]]; then
    echo "could not parse wrk output:"
    cat "$out"
    exit 1
  fi
}

echo
echo "warm-up (2 s each)…"
wrk -t"$THREADS" -c"$CONNECTIONS" -d2s -H 'Accept-Encoding: gzip' "$HURL$PAGE" >/dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d2s -H 'Accept-Encoding: gzip' "$NURL$PAGE" >/dev/null

echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency -H 'Accept-Encoding: gzip', $ROUNDS rounds, alternating"
printf '\n%-6s %-8s %12s %10s\n' round server 'requests/s' 'p99 ms'
for r in $(seq 1 "$ROUNDS"); do
  run_wrk hromada "$r" "$HURL$PAGE"
  H_RPS+=("$RPS"); H_P99+=("$P99")
  printf '%-6s %-8s %12s %10s\n' "$r" hromada "$RPS" "$P99"
  run_wrk nginx "$r" "$NURL$PAGE"
  N_RPS+=("$RPS"); N_P99+=("$P99")
  printf '%-6s %-8s %12s %10s\n' "$r" nginx "$RPS" "$P99"
done

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END { if (NR % 2) print a[(NR+1)/2]; else printf "%.2f\n", (a[NR/2] + a[NR/2+1]) / 2 }'; }
HM=$(median "${H_RPS[@]}")
NM=$(median "${N_RPS[@]}")
HP=$(median "${H_P99[@]}")
NP=$(median "${N_P99[@]}")
RATIO=$(awk -v h="$HM" -v n="$NM" 'BEGIN { printf "%.3f", h / n }')
OK=$(awk -v r="$RATIO" -v g="$GOAL" 'BEGIN { print (r >= g) ? "met" : "MISSED" }')

printf '\n%-8s %18s %14s\n' server 'median requests/s' 'median p99 ms'
printf '%-8s %18s %14s\n' hromada "$HM" "$HP"
printf '%-8s %18s %14s\n' nginx "$NM" "$NP"
echo
echo "ratio median(hromada rps) / median(nginx rps) = $RATIO   (goal >= $GOAL: $OK)"
echo "hromada RSS after the load: $(awk '/VmRSS/ {print $2, $3}' "/proc/$HROMADA_PID/status" 2>/dev/null || echo '?')"
if [[ "$OK" != met && "${STRICT:-}" == 1 ]]; then
  exit 1
fi
