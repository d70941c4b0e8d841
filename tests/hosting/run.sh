#!/usr/bin/env bash
# Hosting check: the example site built for a `/cds/` sub-path, served by Debian's nginx with
# tests/hosting/tiendo-nginx.conf (the file the README shows), on a loopback port; then every
# page and file is fetched (check_nginx.py). Needs nginx (.ci/run installs nginx-light) and root
# (nginx's workers read the site as root, in a private temporary folder).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
WORK=$(mktemp -d)
PORT=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
BIN="$REPO/target/release/tiendo"
[ -x "$BIN" ] || (cd "$REPO" && cargo build --release --locked)
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

"$BIN" build --root "$REPO" --output "$WORK/www/cds" --base-url "http://127.0.0.1:$PORT/cds/"

mkdir -p "$WORK/nginx/logs" "$WORK/nginx/tmp"
sed -e "s|listen 80;|listen 127.0.0.1:$PORT;|" -e "s|root /var/www;|root $WORK/www;|" \
  "$HERE/tiendo-nginx.conf" >"$WORK/nginx/site.conf"
cat >"$WORK/nginx/nginx.conf" <<CONF
user root;
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log;
events { worker_connections 64; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path $WORK/nginx/tmp/body;
    proxy_temp_path $WORK/nginx/tmp/proxy;
    fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
    uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
    scgi_temp_path $WORK/nginx/tmp/scgi;
    include $WORK/nginx/site.conf;
}
CONF
"$NGINX" -t -q -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf"
"$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf"
trap '"$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -s stop 2>/dev/null || true; sleep 0.2; rm -rf "$WORK"' EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$PORT/cds/" >/dev/null && break; sleep 0.1; done

python3 "$HERE/check_nginx.py" "$WORK/www/cds" "http://127.0.0.1:$PORT/cds/"
