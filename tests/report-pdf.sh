#!/usr/bin/env bash
# The court report as PDF (`custody report --out report.pdf`) with stock tools: for the example
# case (English, and French with English), the four-party chain in Arabic (right to left) and in
# Chinese, an invalid bundle, and the certification forms (`--form`, on the example case and on
# an invalid bundle), `qpdf --check` passes, `pdffonts` shows every font embedded,
# and every page, rendered to an image by `pdftoppm`, is not blank (some pixels dark, some
# light). The check is first run on a blank page built to fail it, so it cannot pass silently.
# Without pdftoppm (a developer's machine) it says so and stops with success; CI installs
# poppler-utils and qpdf (.ci/run).
#
# Usage: tests/report-pdf.sh [path/to/custody]   (Debian: apt-get install qpdf poppler-utils)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
custody=${1:-$root/target/debug/custody}
for t in pdftoppm pdffonts qpdf; do
  if ! command -v "$t" >/dev/null; then
    echo "report-pdf: $t is not installed, skipped (Debian: apt-get install qpdf poppler-utils)" >&2
    exit 0
  fi
done
work=$(mktemp -d "${TMPDIR:-/tmp}/custody-report-pdf.XXXX")
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1796083200

# Each page of $1 rendered in grey; fails naming the first blank page.
pages_not_blank() {
  local pdf=$1 prefix=$work/page
  rm -f "$prefix"-*.pgm
  # 72 dpi: at 40, a last page of three short lines rendered below the threshold.
  pdftoppm -r 72 -gray "$pdf" "$prefix"
  python3 - "$pdf" "$prefix"-*.pgm <<'PY'
import sys
pdf, pages = sys.argv[1], sys.argv[2:]
if not pages:
    sys.exit(f"{pdf}: no page rendered")
for p in pages:
    data = open(p, "rb").read()
    # P5 header: magic, width, height, maxval, then one byte per pixel.
    parts = data.split(maxsplit=4)
    pixels = parts[4]
    dark = sum(1 for b in pixels if b < 128)
    if dark < 50 or dark > len(pixels) * 0.9:
        sys.exit(f"{pdf}: page {p} is blank ({dark} dark pixels of {len(pixels)})")
print(f"{pdf}: {len(pages)} page(s), none blank")
PY
}

# The check must fail on a blank page.
printf '%s\n' '%PDF-1.4' '1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj' \
  '2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj' \
  '3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>> endobj' \
  'trailer <</Root 1 0 R>>' '%%EOF' > "$work/blank.pdf"
if pages_not_blank "$work/blank.pdf" 2>/dev/null; then
  echo "report-pdf: the blank-page check passed a blank page" >&2
  exit 1
fi

check() { # check BUNDLE LANG NAME EXPECTED_EXIT [FORM]
  local bundle=$1 lang=$2 out=$work/$3.pdf code=0 form=()
  [ -n "${5:-}" ] && form=(--form "$5")
  [ "${5:-}" = fre-902-14 ] && form+=(--declared outside-us)
  "$custody" report "$bundle" --lang "$lang" "${form[@]}" --out "$out" >/dev/null || code=$?
  [ "$code" = "$4" ] || { echo "report-pdf: $3: exit $code, expected $4" >&2; exit 1; }
  qpdf --check "$out" >/dev/null
  if pdffonts "$out" | tail -n +3 | awk '$(NF-4) != "yes" {bad=1} END {exit !bad}'; then
    echo "report-pdf: $3: a font is not embedded:" >&2
    pdffonts "$out" >&2
    exit 1
  fi
  pages_not_blank "$out"
}

v=$root/tests/vectors
check "$v/mla-case.zip" en mla-case 0
check "$v/mla-case.zip" fr,en mla-case-fr-en 0
check "$v/chain-4party.zip" ar chain-4party-ar 0
check "$v/chain-4party.zip" zh chain-4party-zh 0
check "$v/chain-4party.zip" ru chain-4party-ru 0
check "$v/payload-bitflip.zip" en invalid 1
check "$v/mla-case.zip" en form-fre-902-14 0 fre-902-14
check "$v/mla-case.zip" zh form-cn-extraction-record 0 cn-extraction-record
check "$v/mla-case.zip" zh,en form-cn-extraction-record-zh-en 0 cn-extraction-record
check "$v/mla-case.zip" en form-mla-execution 0 mla-execution
check "$v/payload-bitflip.zip" en form-fre-902-14-invalid 1 fre-902-14
echo "report-pdf: every PDF sound, fonts embedded, no blank page"
