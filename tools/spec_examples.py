#!/usr/bin/env python3
"""Regenerates the example documents of docs/bundle-format.md §5.6 from the test vector
tests/vectors/chain-4party.zip, so the spec's examples cannot drift from the vectors.

Usage: tools/spec_examples.py          rewrite §5.6 in place
       tools/spec_examples.py --check  exit 1 if §5.6 is stale (run by tests/stock-tools.sh)
"""
import hashlib, json, pathlib, re, sys, zipfile

root = pathlib.Path(__file__).resolve().parent.parent
spec = root / "docs/bundle-format.md"
z = zipfile.ZipFile(root / "tests/vectors/chain-4party.zip")
# Entry names are the bundle's root folder custody-<bundle id>/ + the bag path (spec §2.5).
prefix = z.namelist()[0].split("/", 1)[0] + "/"
read = lambda bag_path: z.read(prefix + bag_path)

def short(data):
    h = hashlib.sha256(data).hexdigest()
    return f"{len(data)} bytes, SHA-256 `{h[:8]}…{h[-8:]}`"

def block(text):
    return "```json\n" + text.rstrip("\n") + "\n```"

manifest = read("custody/manifest.json")
m = json.loads(manifest)
shown = json.dumps(m, indent=2, ensure_ascii=False)
# Leave out two FileRecords of item-1 (empty.txt, screenshot.png) to keep the example short.
for name in ("capture-01/empty.txt", "capture-01/screenshot.png"):
    rec = next(f for f in m["items"][0]["files"] if f["original_name"] == name)
    text = json.dumps(rec, indent=2, ensure_ascii=False)
    text = "\n".join("        " + l for l in text.splitlines())
    shown = shown.replace(text, "        …", 1)
events = {n: read(n) for n in ("custody/events/000005-transfer.json", "custody/events/000006-receipt.json")}

s = spec.read_text(encoding="utf-8")
start = s.index("### 5.6 Examples")
end = s.index("## 6. Signing")
sec = s[start:end]
new = sec
new = re.sub(r"`custody/manifest.json` \([0-9]+ bytes, SHA-256 `[0-9a-f]{8}…[0-9a-f]{8}`",
             "`custody/manifest.json` (" + short(manifest), new)
for name, data in events.items():
    new = re.sub(re.escape("`" + name + "`") + r" \([0-9]+ bytes, SHA-256 `[0-9a-f]{8}…[0-9a-f]{8}`\)",
                 "`" + name + "` (" + short(data) + ")", new)
blocks = list(re.finditer(r"```json\n.*?\n```", new, re.S))
if len(blocks) != 3:
    sys.exit("spec_examples: expected 3 JSON blocks in §5.6, found %d" % len(blocks))
texts = [shown, events["custody/events/000005-transfer.json"].decode(), events["custody/events/000006-receipt.json"].decode()]
out, last = [], 0
for b, t in zip(blocks, texts):
    out.append(new[last:b.start()])
    out.append(block(t))
    last = b.end()
out.append(new[last:])
new = "".join(out)
if "--check" in sys.argv:
    if new != sec:
        print("spec_examples: docs/bundle-format.md §5.6 is stale; run tools/spec_examples.py", file=sys.stderr)
        sys.exit(1)
    print("spec_examples: §5.6 matches tests/vectors/chain-4party.zip")
else:
    spec.write_text(s[:start] + new + s[end:], encoding="utf-8")
    print("spec_examples: §5.6 rewritten" if new != sec else "spec_examples: §5.6 already current")
