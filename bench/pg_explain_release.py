#!/usr/bin/env python3
"""Each statement of one statistics release on PostgreSQL, explained ([R1], docs/PERFORMANCE.md).

Reads a server log written with log_min_duration_statement = 0 while one `haven stats compute`
ran, and runs every statement that took 50 ms or more again as EXPLAIN (ANALYZE, BUFFERS), with
its logged parameters and the SET LOCAL settings its connection had set before it, in a
transaction that is rolled back.

    psql "$url" -c "ALTER SYSTEM SET log_min_duration_statement = 0" -c "SELECT pg_reload_conf()"
    haven stats compute --country SE --period 2026 --out /tmp/r.csv --db "$url"
    psql "$url" -c "ALTER SYSTEM RESET log_min_duration_statement" -c "SELECT pg_reload_conf()"
    bench/pg_explain_release.py /work/data/pg1m/server.log "$url" [TEXT]   # TEXT: only statements naming it
"""
import re
import subprocess
import sys


def logged_statements(log):
    """(duration ms, SQL, SET LOCAL settings before it, parameters text) of each executed statement."""
    entries = []  # [pid, kind, text]; a statement's continuation lines carry no prefix
    for line in open(log, encoding="utf-8", errors="replace").read().split("\n"):
        m = re.match(r"^\d{4}-\d\d-\d\d [\d:.]+ \w+ \[(\d+)\] (\w+):\s+(.*)$", line)
        if m:
            entries.append([m.group(1), m.group(2), m.group(3)])
        elif entries:
            entries[-1][2] += "\n" + line
    settings, statements, last = {}, [], {}
    for pid, kind, text in entries:
        m = re.match(r"duration: ([\d.]+) ms\s+(statement|execute [^:]*): (.*)", text, re.S)
        if m:
            sql = m.group(3)
            if sql.startswith("SET LOCAL"):
                settings[pid] = sql
                last.pop(pid, None)
            elif sql.startswith(("SELECT", "WITH", "COPY")):
                statements.append([float(m.group(1)), sql, settings.get(pid, ""), None])
                last[pid] = statements[-1]
            else:
                last.pop(pid, None)
        elif kind == "DETAIL" and text.startswith("parameters:"):
            if pid in last:  # the parameters of the execution just logged on this connection
                last.pop(pid)[3] = text[len("parameters: "):]
        else:
            last.pop(pid, None)
    return statements


def main():
    log, url = sys.argv[1], sys.argv[2]
    wanted = sys.argv[3] if len(sys.argv) > 3 else ""
    for ms, sql, settings, params in logged_statements(log):
        if ms < 50 or wanted not in sql:
            continue
        if params:
            values = dict(re.findall(r"\$(\d+) = ('(?:[^']|'')*'|NULL)", params))
            sql = re.sub(r"\$(\d+)\b", lambda m: values[m.group(1)], sql)
        if sql.startswith("COPY ("):
            sql = sql[len("COPY ("):sql.rindex(") TO STDOUT")]
        script = ("BEGIN; SET LOCAL jit = off; SET LOCAL max_parallel_workers_per_gather = 0; "
                  f"{settings};\nEXPLAIN (ANALYZE, BUFFERS) {sql};\nROLLBACK;")
        plan = subprocess.run(["psql", url, "-X", "-q"], input=script, capture_output=True,
                              text=True).stdout
        print("=" * 100)
        print(f"logged {ms:.0f} ms: {sql[:160]}".replace("\n", " "))
        print(settings)
        print(plan)


if __name__ == "__main__":
    main()
