#!/usr/bin/env bash
# The example case (synthetic): an open-source capture of a propaganda web page and a video
# in France under the Budapest Convention art. 32(a), sent to Germany under an MLA request.
#
#   Alice Martin, investigator (FR): captures, describes the case in case.toml, seals;
#   Élodie Garnier, second investigator (FR): watched the capture; countersigns the seal on
#     her own copy, and Alice adds her statement to the bundle;
#   Bruno Lefèvre, prosecutor (FR): receives it;
#   Claire Dubois, French central authority: receives it, attaches the German request and the
#     export approval, and sends it to Germany under the request MLA-DE-FR-2026-0077, with the
#     conditions the case file sets;
#   Dana Schmidt, German central authority: verifies, sees the restrictions, receives it,
#     declining the analyst's notes (not requested), and extracts the evidence for the
#     examiner, recording the extraction;
#   Felix Braun, examiner (DE): examines the page and the video on his own copy; Dana adds
#     his record and his report to the bundle.
#
# Every custody event is also logged to a custody log (issue #20, docs/custody-log.md), as a
# court registry or a central authority would run one: the script starts its own on a free
# local port and stops it when it ends. At the end, a copy that is not the latest and a copy
# that a former custodian continued on her own (a fork) are both caught by custody verify --log.
#
# Usage: examples/mla-case/run.sh [WORKDIR]    (default: a new temporary directory, kept;
#        it holds the example parties' private keys: remove it when done)
#        CUSTODY_BIN=path/to/custody uses that binary instead of building one
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=${1:-$(mktemp -d "${TMPDIR:-/tmp}/custody-mla-case.XXXX")}
mkdir -p "$work"
say() { printf '\n### %s\n' "$*"; }

if [ -n "${CUSTODY_BIN:-}" ]; then
  bin=$CUSTODY_BIN   # an already built custody (tests/run.sh builds once for every step)
else
  say "Building custody: the first time takes about 5 minutes on 2 idle cores (cargo shows its progress), then seconds"
  cargo build --locked -p custody-cli --manifest-path "$root/Cargo.toml"
  bin=${CARGO_TARGET_DIR:-$root/target}/debug/custody
fi
custody() { "$bin" "$@"; }
cd "$work"
rm -rf ./*.key ./*.key.pub ./*.key.age ./*.key.age-recipient case.zip case.zip.age received.zip elodie-copy.zip felix-copy.zip ./*.custody-statement trusted-keys.txt \
  evidence-for-examiner exam-report.txt case-without-item-3.zip case-report.html case-report.pdf case-report-fr-en.html \
  log.sqlite log.sqlite-wal log.sqlite-shm log.vkey log-serve.txt alice-config.toml claire-copy.zip claire-fork.zip \
  final.txt final.json caught.txt fork.txt
echo "working in $work"

# The custody log runs for the whole case, in the background; it is stopped on every way out
# of this script (the end, a failed step, Ctrl-C).
log_pid=
stop_log() {
  if [ -n "$log_pid" ]; then kill "$log_pid" 2>/dev/null || true; wait "$log_pid" 2>/dev/null || true; fi
}
trap stop_log EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say "0. Keys (each party once)"
custody keygen --out alice.key --name "Alice Martin" --org "Police judiciaire, cyber unit (fictional)" --role investigator --jurisdiction FR >/dev/null
custody keygen --out bruno.key --name "Bruno Lefèvre" --org "Parquet de Paris, section J3 (fictional)" --role prosecutor --jurisdiction FR >/dev/null
custody keygen --out claire.key --name "Claire Dubois" --org "Ministère de la Justice, bureau de l'entraide pénale (fictional)" --role central_authority --jurisdiction FR >/dev/null
custody keygen --out elodie.key --name "Élodie Garnier" --org "Police judiciaire, cyber unit (fictional)" --role investigator --jurisdiction FR >/dev/null
# Dana also publishes an encryption recipient (dana.key.age-recipient) for encrypted hand-overs.
custody keygen --out dana.key --name "Dana Schmidt" --org "Bundesamt für Justiz (fictional)" --role central_authority --jurisdiction DE --age >/dev/null
custody keygen --out felix.key --name "Felix Braun" --org "Bundeskriminalamt, forensic IT (fictional)" --role examiner --jurisdiction DE >/dev/null
# Each recipient confirms the others' keys (fingerprints) over a trusted channel first:
# receive accepts only what its trust list vouches for.
for k in alice bruno claire dana; do custody trust add "$k.key.pub" --file trusted-keys.txt >/dev/null; done

say "0b. The custody log, as the court registry runs it: created once, then served"
# The log signs its checkpoints with its own key; its verifier key (log.vkey) is what the
# registry publishes, and what every party pins. Here it listens on a free local port (:0)
# and says which on stderr; a real log sits behind a TLS proxy at a fixed address.
custody keygen --out log.key --name "Custody log of the court registry (fictional)" \
  --org "Court registry (fictional)" --role court --jurisdiction FR >/dev/null
custody log init --db log.sqlite --key log.key --origin registry.example/custody-log > log.vkey
# (the binary itself, not the custody function: $! must be the server, for the trap to stop it)
"$bin" log serve --db log.sqlite --key log.key --listen 127.0.0.1:0 --threads 4 2> log-serve.txt &
log_pid=$!
log_url=
for _ in $(seq 300); do
  log_url=$(sed -n 's|^custody log: listening on \(http://[^ ]*\)/$|\1|p' log-serve.txt)
  [ -n "$log_url" ] && break
  kill -0 "$log_pid" 2>/dev/null || { cat log-serve.txt >&2; echo "the custody log did not start" >&2; exit 1; }
  sleep 0.1
done
[ -n "$log_url" ] || { echo "the custody log did not start within 30 s" >&2; exit 1; }
# It answers with a checkpoint signed by its key before anything is sealed.
custody log monitor "$log_url" --log-key log.vkey >/dev/null
echo "custody log at $log_url"
# Alice's office names the log in her configuration file (log_url and log_key, see custody
# config --help). The seal then names it in the signed manifest, with its verifier key, and
# logs the seal event. Every later command that appends an event (add, transfer, receive,
# attach, extract --record, dispose, report --record, derive) logs it to the log the manifest
# names, with no option: nobody else configures anything, and a log that cannot be reached
# stops the command with nothing written (unless --log-optional).
printf 'log_url = "%s"\nlog_key = "log.vkey"\n' "$log_url" > alice-config.toml

say "1. Alice seals the case described in case.toml (the WARC and the yt-dlp file fill in URLs, ids and times)"
CUSTODY_CONFIG=alice-config.toml custody seal --key alice.key --case-file "$here/case.toml" --out case.zip

say "1b. Élodie, who watched the capture, countersigns the seal on her own copy; Alice adds her statement"
# Élodie holds no custody: countersign leaves her copy untouched and writes a package.
cp case.zip elodie-copy.zip
custody countersign elodie-copy.zip --key elodie.key --event 0 --capacity second_investigator \
  --statement "I watched Alice Martin capture item-1 and item-2 on 18 November 2026 and checked the seal." \
  --language en --place Paris --package elodie.custody-statement
custody add case.zip --key alice.key elodie.custody-statement

say "2. What the bundle says, without re-hashing the evidence"
custody inspect case.zip

say "3. Alice to the prosecutor; Bruno to the central authority"
custody transfer case.zip --key alice.key --to bruno.key.pub --purpose "prosecution review" \
  --condition "use_limitation: only for proceedings 2026-J3-0412 and requests related to them"
custody receive case.zip --key bruno.key --trust trusted-keys.txt >/dev/null
custody transfer case.zip --key bruno.key --to claire.key.pub --purpose "execution of MLA request MLA-DE-FR-2026-0077" >/dev/null
custody receive case.zip --key claire.key --trust trusted-keys.txt >/dev/null

say "3b. Claire attaches the German request and the export approval (bound by hash, stored under custody/)"
custody attach case.zip --key claire.key --capacity central_authority --kind mla_request \
  --ref MLA-DE-FR-2026-0077 --language en --date 2026-10-30 --title "Request for mutual legal assistance" \
  "$here/documents/mla-request-MLA-DE-FR-2026-0077.txt"
custody attach case.zip --key claire.key --capacity central_authority --kind export_approval \
  --ref 2026-0077 --language en --date 2026-12-02 "$here/documents/export-approval-2026-0077.txt"
# Claire keeps a copy of the bundle as it is now, before she sends it on (see step 10).
cp case.zip claire-copy.zip

say "4. Claire sends it to Germany under the request, restating the case file's restrictions as conditions"
custody transfer case.zip --key claire.key --to dana.key.pub --purpose "execution of MLA request" \
  --legal-basis "Council of Europe Convention on Cybercrime (ETS 185) art. 25 and 31" \
  --request-ref MLA-DE-FR-2026-0077 \
  --condition "use_limitation: only for the German proceedings GBA 2 BJs 77/26 (speciality)" \
  --condition "onward_transfer: not to a third state without the prior consent of the French Ministry of Justice" \
  --encrypt --encrypt-to dana.key.age-recipient
# --encrypt also wrote case.zip.age, encrypted to the recipient Dana published
# (dana.key.age-recipient, checked with her like her key: custody encrypts only to a recipient
# named on the command line): that is what travels. Nobody else can open it, Claire included.
if custody verify case.zip.age --identity claire.key 2>/dev/null; then echo "unexpected: Claire opened it" >&2; exit 1; fi
custody verify case.zip.age --identity claire.key 2>&1 | head -1 || true

say "5. Dana verifies first, reading the encrypted file directly: the restrictions are at the top of the report"
custody verify case.zip.age --identity dana.key.age | sed -n '1,/^Case details/p'

say "6. Dana receives it, declining the analyst's notes (item-3, not requested)"
# The receipt goes into a plain bundle (--out); in this one folder Dana's copy then replaces
# Claire's. (Without custody: age -d -i dana.key.age -o case.zip case.zip.age.)
custody receive case.zip.age --identity dana.key.age --key dana.key --trust trusted-keys.txt \
  --reject item-3 --reason "not covered by the request" --out received.zip
mv received.zip case.zip

say "6b. Dana extracts the evidence for the examiner; the extraction is recorded in the bundle"
custody extract case.zip --out evidence-for-examiner --trust trusted-keys.txt \
  --record --key dana.key --purpose "examination by the BKA forensic lab for GBA 2 BJs 77/26"

say "6c. Felix examines item-1 and item-2 on his own copy; Dana adds his record and report"
cp case.zip felix-copy.zip
printf 'Examination report (synthetic): the page capture and the video show no sign of editing.\n' > exam-report.txt
custody examine felix-copy.zip --key felix.key --items item-1,item-2 --tool ExifTool --tool-version 13.10 \
  --parameters "-a -G1 -s" --conclusion "No sign of editing in either item." --result exam-report.txt \
  --package felix-exam.custody-statement
custody add case.zip --key dana.key felix-exam.custody-statement

say "6d. Dana extends the retention for the appeal, then writes a copy without item-3, which she declined"
custody dispose case.zip --key dana.key --action retention_extended --keep-until 2033-12-31 \
  --reason "appeal pending in GBA 2 BJs 77/26"
# A destruction writes a NEW bundle; case.zip is left as it is (and still holds item-3).
custody dispose case.zip --key dana.key --action destroyed --items item-3 \
  --method "secure erasure of the analyst's notes (NIST SP 800-88 purge)" \
  --reason "not covered by the request; GDPR art. 5(1)(c) data minimisation" --out case-without-item-3.zip
custody verify case-without-item-3.zip | grep -E '^State|DISPOSED|payload.disposed'
# The old case.zip still holds item-3: Dana erases it and keeps the new bundle, which is the
# bundle's history from now on. (The custody log holds the destruction as the bundle's next
# event, so an event appended to the old file would be a fork: refused, see step 10.)
mv case-without-item-3.zip case.zip

say "7. The final report, against the keys Dana got through trusted channels, and against the custody log"
for k in alice bruno claire dana elodie felix; do custody trust add "$k.key.pub" --file trusted-keys.txt >/dev/null; done
# --log asks the log the manifest names whether this copy is the latest (the Custody log: line)
# and proves each event in it (log.included).
custody verify --trust trusted-keys.txt --log case.zip
custody verify --trust trusted-keys.txt --log --format json case.zip > report.json
custody inspect --format json case.zip > inspection.json

say "7b. Retention: kept until 2033-12-31 (extended in 6d from 2031-12-31); verified as of a later date, it warns"
custody verify --at 2034-06-30 case.zip | grep -A3 retention.exceeded

say "8. The court report for the German court, as HTML and PDF from one verification, both recorded in the bundle"
rm -f case-report.html case-report.pdf
custody report case.zip --trust trusted-keys.txt --out case-report.html --out case-report.pdf \
  --record --key dana.key --capacity central_authority
say "8b. The same report in French and English side by side, for the French authority that asked"
custody report case.zip --trust trusted-keys.txt --lang fr,en --out case-report-fr-en.html

say "8c. The certification forms from the same bundle: FRE 902(14) for a US court, the Chinese extraction record"
rm -f fre-902-14.html fre-902-14.pdf cn-extraction-record.html cn-extraction-record.pdf
custody report case.zip --trust trusted-keys.txt --form fre-902-14 --declared outside-us \
  --out fre-902-14.html --out fre-902-14.pdf
custody report case.zip --trust trusted-keys.txt --form cn-extraction-record --lang zh,en \
  --out cn-extraction-record.html --out cn-extraction-record.pdf

say "9. A redacted copy for the defence: the page and the video, the page's text with names blacked out"
# The redacted copy is made by whatever tool the office uses; here, a page that keeps the
# structure and blacks out the text. Dana is the custodian, so derive records the copy in
# case.zip (a signed derivation event appended, nothing else changed); item-3, which the
# receipt rejected, would be left out by default and is refused if named.
printf '<!doctype html>\n<html><body><p>[redacted: names of uninvolved persons]</p></body></html>\n' > page-redacted.html
rm -f for-defence.zip
custody derive case.zip --key dana.key --items item-1,item-2 \
  --redact item-1/propaganda-page/page.html=page-redacted.html \
  --reason "names of uninvolved persons (data minimisation)" --out for-defence.zip
custody verify for-defence.zip | grep -E '^State|derivation\.'
# Whoever holds the original too checks the copy against it (spec §9.7): the copy's own
# State, then its Parent verdict (MATCHES: the original verifies, is the bundle the copy names,
# holds the event the copy names as its latest, and its derivation event records this copy's
# seal event and items); exit 1 if it does not match.
custody verify for-defence.zip --parent case.zip | grep -E '^(State|Parent)|parent\.'
custody verify case.zip | grep -E '^ +#[0-9]+ +derivation'

say "10. The custody log: every event of case.zip is in it; a stale copy and a forked one are caught"
# The latest copy: the log holds each of its events, and none after its last.
custody verify --log case.zip > final.txt
grep -E '^Custody log:' final.txt
custody verify --log --format json case.zip > final.json || true
# The outcome, the copy's events and those proven in the log, from the JSON report's log member.
read -r outcome events proven < <(python3 -c 'import json,sys; l=json.load(open(sys.argv[1]))["log"]
print(l["outcome"], l["events"], l["included"])' final.json)
included=$(grep -cE '^ +pass +log\.included ' final.txt || true)
if [ "$outcome" != latest ] || [ "$events" -lt 10 ] || [ "$proven" != "$events" ] || [ "$included" != "$events" ]; then
  echo "unexpected: case.zip is not the latest, or not each of its events is in the log ($included proven)" >&2; exit 1
fi
echo "each of the $events events of case.zip is proven in the custody log (log.included)"
expect_caught() { # FILE CODE: custody verify --log must fail FILE (exit 1) with the check CODE
  local status=0
  custody verify --log "$1" > caught.txt || status=$?
  grep -E '^(State|Custody log:|Failed:)' caught.txt || true
  if [ "$status" -ne 1 ] || ! grep -qE "^ +FAIL +$2 " caught.txt; then
    echo "unexpected: $1 was not caught as $2 (exit $status)" >&2; exit 1
  fi
}
# A truncated copy: Claire's copy from step 3b. Offline it verifies (its files and events are
# genuine), but the bundle went on after it (Claire's transfer to Germany, Dana's receipt, ...),
# so it is not the latest (log.truncated): its holder should ask the current custodian for the
# latest copy. Dropping the last events of a bundle (say a recipient's rejection) is caught so.
custody verify claire-copy.zip | grep -E '^State'
expect_caught claire-copy.zip log.truncated
# A forked copy: Claire, who handed the bundle on, continues her old copy and transfers it
# elsewhere. The log refuses that transfer (its place in the chain holds her transfer to Dana)
# and records the attempt; nothing is written.
cp claire-copy.zip claire-fork.zip
fork() { custody transfer claire-fork.zip --key claire.key --to bruno.key.pub --purpose "a second hand-over" "$@"; }
if fork >/dev/null 2>fork.txt; then echo "unexpected: the log accepted the fork" >&2; exit 1; fi
head -n 1 fork.txt
grep -q 'already holds another event' fork.txt || { echo "unexpected: the fork failed otherwise" >&2; exit 1; }
# With --log-optional it is written anyway, without a log proof; custody verify --log finds the
# log holding another event at its place: another copy was continued (log.forked).
fork --log-optional >/dev/null 2>&1
expect_caught claire-fork.zip log.forked
# case.zip is still the latest, and the refused claim the log recorded is reported there.
custody verify --log case.zip > final.txt
grep -E '^Custody log:|log\.conflicts_recorded' final.txt
grep -qE '^ +WARN +log\.conflicts_recorded ' final.txt || { echo "unexpected: no conflict recorded" >&2; exit 1; }

say "Done. $work/case.zip; report.json, inspection.json, claire-copy.zip and claire-fork.zip (caught by the log), case-report.html, case-report.pdf, case-report-fr-en.html, fre-902-14.html/.pdf, cn-extraction-record.html/.pdf and the defence's redacted copy for-defence.zip beside it."
echo "$work holds the example parties' private keys; remove it when done: rm -rf $work"
