#!/usr/bin/env bash
# End-to-end checks of the example site: builds it (at the root and under a sub-path), serves
# it on 127.0.0.1, and runs the Nu Html Checker, an offline link/feed/sitemap check, and the
# browser suite (axe-core, search, language switch, keyboard, 375 px, no JavaScript).
# Needs: chromium (Debian), java, python3, node + `npm install` in this folder (.ci/run does it).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
WORK=$(mktemp -d)
SHOTS=${SHOTS:-$WORK/shots}
PORT1=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
PORT2=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
ROOT_URL="http://127.0.0.1:$PORT1/"
SUB_URL="http://127.0.0.1:$PORT2/cds/"
BIN="$REPO/target/release/tiendo"
[ -x "$BIN" ] || (cd "$REPO" && cargo build --release --locked)

"$BIN" build --root "$REPO" --output "$WORK/root" --base-url "$ROOT_URL"
"$BIN" build --root "$REPO" --output "$WORK/sub/cds" --base-url "$SUB_URL"

python3 -m http.server "$PORT1" --bind 127.0.0.1 --directory "$WORK/root" >/dev/null 2>&1 &
S1=$!
python3 -m http.server "$PORT2" --bind 127.0.0.1 --directory "$WORK/sub" >/dev/null 2>&1 &
S2=$!
trap 'kill $S1 $S2 2>/dev/null; rm -rf "$WORK/root" "$WORK/sub"' EXIT
for _ in $(seq 50); do curl -fs "$ROOT_URL" >/dev/null && curl -fs "$SUB_URL" >/dev/null && break; sleep 0.1; done

fail=0
echo "== Nu Html Checker (HTML, CSS, SVG)"
java -jar "$HERE/node_modules/vnu-jar/build/dist/vnu.jar" --errors-only --skip-non-html --also-check-css --also-check-svg "$WORK/root" && echo "0 errors" || fail=1
echo "== links, anchors, feeds, sitemap"
python3 "$HERE/check_site.py" "$WORK/root" "$ROOT_URL" || fail=1
python3 "$HERE/check_site.py" "$WORK/sub/cds" "$SUB_URL" || fail=1
echo "== browser"
node "$HERE/e2e.cjs" "$ROOT_URL" "$SUB_URL" "$SHOTS" || fail=1
echo "screenshots: $SHOTS"
exit $fail
