import json, sys, urllib.request
port, token, case, acked, sent = sys.argv[1:6]
req = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1/cases/{case}/notes",
                             headers={"Authorization": "Bearer " + token})
items = json.loads(urllib.request.urlopen(req, timeout=30).read())["items"]
texts = [i["text"] for i in items]
ack = {int(x) for x in open(acked).read().split()}
inflight = {int(x) for x in open(sent).read().split()}
seen = [int(t.split()[1]) for t in texts if t.startswith("crash-note ")]
problems = []
missing = sorted(ack - set(seen))
if missing: problems.append(f"{len(missing)} acknowledged notes lost: {missing[:10]}")
dupes = sorted({n for n in seen if seen.count(n) > 1})
if dupes: problems.append(f"notes stored twice: {dupes[:10]}")
strangers = sorted(set(seen) - ack - inflight)
if strangers: problems.append(f"notes never sent: {strangers[:10]}")
bad = [t for t in texts if not t.startswith("crash-note ") or len(t.split()) != 2]
if bad: problems.append(f"half-written notes: {bad[:5]}")
print(f"{len(ack)} acknowledged, {len(seen)} stored, {len(set(seen) & inflight)} of {len(inflight)} in flight at a kill kept")
for p in problems: print("PROBLEM:", p)
sys.exit(1 if problems else 0)
