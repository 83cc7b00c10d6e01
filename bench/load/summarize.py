#!/usr/bin/env python3
"""Summarizes the per-thread logs of mix.lua (kind, µs, status per answer) over a run of SECONDS:
count, requests/s, p50 and p99 per request type and for all, as a table and as JSON (--json FILE)."""
import collections, glob, json, math, sys

out_dir, seconds = sys.argv[1], float(sys.argv[2])
json_file = sys.argv[4] if len(sys.argv) > 4 and sys.argv[3] == "--json" else None
order = ["case page", "dashboard", "search", "task list", "case update", "sign-in"]
lat, statuses = collections.defaultdict(list), collections.defaultdict(collections.Counter)
for path in glob.glob(f"{out_dir}/thread-*.log"):
    for line in open(path):
        kind, us, status = line.rstrip("\n").split("\t")
        lat[kind].append(int(us))
        statuses[kind][status] += 1

def pct(xs, p):
    return xs[max(0, math.ceil(len(xs) * p) - 1)] / 1000 if xs else 0.0

rows = []
for kind in order + ["all"]:
    xs = sorted(sum(lat.values(), [])) if kind == "all" else sorted(lat[kind])
    st = sum(statuses.values(), collections.Counter()) if kind == "all" else statuses[kind]
    rows.append({"kind": kind, "count": len(xs), "rps": round(len(xs) / seconds, 1),
                 "share": round(len(xs) / max(1, sum(len(v) for v in lat.values())), 3),
                 "p50_ms": round(pct(xs, 0.5), 2), "p99_ms": round(pct(xs, 0.99), 2),
                 "statuses": dict(sorted(st.items()))})
print(f"| request | count | share | req/s | p50 ms | p99 ms | statuses |")
print(f"|---|---|---|---|---|---|---|")
for r in rows:
    st = " ".join(f"{k}: {v}" for k, v in r["statuses"].items())
    print(f"| {r['kind']} | {r['count']:,} | {r['share']:.1%} | {r['rps']:,.1f} | {r['p50_ms']:.2f} | {r['p99_ms']:.2f} | {st} |")
if json_file:
    json.dump(rows, open(json_file, "w"), indent=1)
