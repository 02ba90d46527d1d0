#!/usr/bin/env python3
"""Markdown table from the JSON lines that run.sh collects (one line per wrk run)."""
import argparse, json, os

ap = argparse.ArgumentParser()
ap.add_argument("jsonl")
ap.add_argument("--backend", default="?")
ap.add_argument("--duration", default="?")
ap.add_argument("--connections", default="?")
ap.add_argument("--threads", default="?")
ap.add_argument("--rss", nargs=2, type=int, default=None)
a = ap.parse_args()
rows = [json.loads(l) for l in open(a.jsonl, encoding="utf-8") if l.strip()]
ceiling = next((r["rps"] for r in rows if r["label"].startswith("GET /healthz")), None)
cpus = os.cpu_count()


def num(x, d=0):
    return f"{x:,.{d}f}"


print(f"### {a.backend}: {a.connections} connections, {a.threads} wrk threads, {a.duration} s per endpoint, {cpus} cores\n")
print("| endpoint | distinct requests | requests | req/s | p50 ms | p90 ms | p99 ms | max ms | errors (socket / timeout / ≥400) | ratio to /healthz | server CPU (cores) |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for r in rows:
    e = r["errors"]
    socket = e["connect"] + e["read"] + e["write"]
    ratio = f"{r['rps'] / ceiling:.3f}" if ceiling and "1 connection" not in r["label"] else "—"
    cpu = r.get("server_cpu")
    extra = ""
    if r.get("background_rps") is not None:
        extra = f" (background: {num(r['background_rps'])} answers/s, {r['background_errors']} errors)"
    print(f"| {r['label']}{extra} | {r['distinct']} | {num(r['requests'])} | {num(r['rps'])} | {r['p50']:.1f} | {r['p90']:.1f} | {r['p99']:.1f} | {r['max']:.1f} "
          f"| {socket} / {e['timeout']} / {e['status']} | {ratio} | {cpu if cpu is not None else '—'} |")
total = sum(sum(r["errors"].values()) for r in rows)
print(f"\nErrors over all runs: {total}" + (" — none." if total == 0 else " — NOT clean."))
if a.rss:
    print(f"Server RSS: {a.rss[0] / 1024:.0f} MB after start, {a.rss[1] / 1024:.0f} MB at the end.")
