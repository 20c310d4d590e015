#!/usr/bin/env bash
# The court report (`custody report`) in a real browser: for a valid four-party chain and an
# invalid bundle in English, the chain in Arabic (right to left) and the example case in French
# and English side by side, and the certification forms (`--form`: each on the example case, the
# Chinese record on an invalid bundle), the HTML parses strictly (html5lib, strict mode), and headless Chromium,
# with every host name unresolvable and its own background traffic off, renders it non-blank
# (the verdict and the timeline in the DOM, a screenshot that is not one colour), logs no
# console message (a CSP violation is one) and attempts no network request (its net log
# holds no URL but the report's own file://). The checks are first run on a page built to
# fail them (an image from the network and a console error), so that they cannot pass
# silently.
#
# Usage: tests/report-browser.sh [path/to/custody]   (Debian: apt-get install chromium;
#        python3 with html5lib, e.g. the stock-tools venv that tests/run.sh prepares)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
custody=${1:-$root/target/debug/custody}
python=${PYTHON:-python3}
[ -x "$root/target/stock-tools-venv/bin/python" ] && python=${PYTHON:-$root/target/stock-tools-venv/bin/python}
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
  echo "report-browser: chromium is not installed (Debian: apt-get install chromium)" >&2
  exit 1
fi
"$python" -c 'import html5lib' 2>/dev/null || "$python" -m pip install --quiet 'html5lib==1.1'
work=$(mktemp -d "${TMPDIR:-/tmp}/custody-report-browser.XXXX")
trap 'rm -rf "$work"' EXIT

# Chromium's own requests (account and search services it calls at start-up whatever the
# page, and since Chromium 156 its component updater despite --disable-component-update) are
# not the page's; everything else is. None leaves the machine: every host resolves to nothing.
browser_own='^https?://(accounts\.google\.com/ListAccounts|www\.google\.com/async/|update\.googleapis\.com/service/update2/)'

open_page() { # open_page HTML NAME: dumps DOM, screenshot, console log and net log under $work/NAME.*
  local flags=(--headless --disable-gpu --no-sandbox --user-data-dir="$work/profile-$2"
    --host-resolver-rules="MAP * ~NOTFOUND" --disable-background-networking --disable-component-update
    --disable-sync --no-first-run --disable-default-apps --disable-extensions --disable-domain-reliability
    --disable-client-side-phishing-detection --no-pings --metrics-recording-only
    --disable-features=OptimizationHints,Translate,MediaRouter,AutofillServerCommunication,NetworkTimeServiceQuerying,SpellCheck
    --enable-logging=stderr --v=0)
  timeout 120 "$chromium" "${flags[@]}" --log-net-log="$work/$2.net.json" --net-log-capture-mode=Everything \
    --dump-dom "file://$1" >"$work/$2.dom" 2>"$work/$2.log"
  timeout 120 "$chromium" "${flags[@]}" --window-size=1200,1600 --screenshot="$work/$2.png" "file://$1" \
    >/dev/null 2>>"$work/$2.log"
}

problems() { # problems NAME: prints one line per problem found in what open_page left
  grep -h 'CONSOLE' "$work/$1.log" | sed 's/^/console: /' || true
  grep -o '"url":"[^"]*"' "$work/$1.net.json" | cut -d'"' -f4 | sort -u | grep -v '^file://' \
    | grep -Ev "$browser_own" | sed 's/^/request: /' || true
  "$python" - "$work/$1.png" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], 'rb').read()
chunks, i = b'', 8
while i < len(data):
    n, kind = struct.unpack('>I4s', data[i:i + 8])
    if kind == b'IDAT':
        chunks += data[i + 8:i + 8 + n]
    i += 12 + n
if len(set(zlib.decompress(chunks))) < 16:
    print('blank: the screenshot is (nearly) one colour')
PY
}

# The checks must catch a page that fails them.
cat >"$work/bad.html" <<'HTML'
<!DOCTYPE html><html><body><p>bad</p><img src="http://example.invalid/x.png"><script>console.error("boom")</script></body></html>
HTML
open_page "$work/bad.html" bad
found=$(problems bad)
grep -q '^request: http://example.invalid/x.png' <<<"$found" || { echo "report-browser: the request check missed a request: $found" >&2; exit 1; }
grep -q '^console: ' <<<"$found" || { echo "report-browser: the console check missed an error: $found" >&2; exit 1; }

failed=0
reports=0
# VECTOR:LANG[:FORM]: the report, or with FORM the certification form (`--form`).
for run in chain-4party:en payload-modified:en chain-4party:ar mla-case:fr,en mla-case:en:fre-902-14 \
  mla-case:zh,en:cn-extraction-record mla-case:en:mla-execution payload-modified:zh:cn-extraction-record; do
  vector=${run%%:*} rest=${run#*:}
  lang=${rest%%:*} form=
  [ "$rest" != "$lang" ] && form=${rest#*:}
  args=()
  [ -n "$form" ] && args=(--form "$form")
  [ "$form" = fre-902-14 ] && args+=(--declared outside-us)
  [ -f "$root/tests/vectors/$vector.zip" ] || { echo "report-browser: no tests/vectors/$vector.zip (cargo run -p custody-core --example make-vectors)" >&2; exit 1; }
  cp "$root/tests/vectors/$vector.zip" "$work/"
  page=$vector-${lang/,/-}${form:+-$form}
  status=0
  (cd "$work" && SOURCE_DATE_EPOCH=1796083200 "$custody" report "$vector.zip" --lang "$lang" "${args[@]}" --out "$page.html" >/dev/null) || status=$?
  [ "$status" -le 1 ] || { echo "report-browser: custody report $vector.zip --lang $lang exited $status" >&2; exit 1; }
  "$python" -c 'import html5lib, sys; html5lib.HTMLParser(strict=True).parse(open(sys.argv[1], "rb").read())' \
    "$work/$page.html" || { echo "report-browser: $page.html does not parse strictly" >&2; failed=1; }
  open_page "$work/$page.html" "$page"
  found=$(problems "$page")
  if [ -n "$form" ]; then
    grep -q '<h2>' "$work/$page.dom" && grep -q 'class="fill"' "$work/$page.dom" ||
      found+=$'\nblank: the form\'s DOM has no section or no line to fill'
  else
    grep -q 'class="state"' "$work/$page.dom" && grep -q '<svg' "$work/$page.dom" ||
      found+=$'\nblank: the DOM has no verdict or no timeline'
  fi
  first=${lang%%,*} dir=ltr
  [ "$first" = ar ] && dir=rtl
  grep -q "<html lang=\"$first\" dir=\"$dir\">" "$work/$page.dom" ||
    found+=$'\nlanguage: the DOM is not lang='"$first"' dir='"$dir"
  reports=$((reports + 1))
  if [ -n "$found" ]; then
    echo "report-browser: $page.html:" >&2
    sed 's/^/  /' <<<"$found" >&2
    failed=1
  fi
done
[ "$failed" -eq 0 ] && echo "report-browser: $reports reports and forms (en, ar right to left, fr,en, zh,en) parse strictly and render offline, no request, no console message"
exit "$failed"
