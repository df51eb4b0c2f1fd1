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
# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$(dirname "$0")/lib.sh"

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
PAGE=${PAGE:-/buchanska/zapyt-na-publichnu-informatsiiu}
GOAL=0.5

HROMADA_PID=
NGINX_PID=
SERVER_PIDS=(HROMADA_PID NGINX_PID)
WORK=$(mktemp -d /tmp/hromada-bench.XXXXXX)

install_missing nginx wrk curl
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
release_bin

# --- hromada ----------------------------------------------------------------
HPORT=$(free_port)
HURL=http://127.0.0.1:$HPORT
# Default log level, compression and metrics as in production (the demo's defaults).
start_server HROMADA_PID "$WORK/hromada.log" "$HURL/readyz" "$BIN" demo --listen "127.0.0.1:$HPORT" --data-dir "$WORK/data"

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
declare -a H_RPS N_RPS H_P99 N_P99
run_wrk() { # NAME ROUND URL -> sets RPS P99
  wrk_load "$WORK/wrk-$1-$2.txt" "$1 round $2" "$3"
}

echo
echo "warm-up (2 s each)…"
wrk_warm_up "$HURL$PAGE" "$NURL$PAGE"

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

read -r HM NM HP NP <<<"$(medians H_RPS N_RPS H_P99 N_P99)"
RATIO=$(awk -v h="$HM" -v n="$NM" 'BEGIN { printf "%.3f", h / n }')
OK=$(verdict "$RATIO" '>=' "$GOAL")

printf '\n%-8s %18s %14s\n' server 'median requests/s' 'median p99 ms'
printf '%-8s %18s %14s\n' hromada "$HM" "$HP"
printf '%-8s %18s %14s\n' nginx "$NM" "$NP"
echo
echo "ratio median(hromada rps) / median(nginx rps) = $RATIO   (goal >= $GOAL: $OK)"
echo "hromada RSS after the load: $(rss "$HROMADA_PID")"
if [[ "$OK" != met && "${STRICT:-}" == 1 ]]; then
  exit 1
fi
