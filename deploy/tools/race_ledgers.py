#!/usr/bin/env python3
"""Reads the ledgers of a `swarm bench swarm --part race --keep-data` run and prints, per raced campaign:
experiments until the target, per-node rate, proposers and keeps, progress by threshold, and the gaps
between one experiment's end and the next one's start on the same node (split by what came between).

usage: python3 deploy/tools/race_ledgers.py DATA_DIR/race [--target 8.0]
"""
import collections
import glob
import json
import os
import statistics
import sys

THRESHOLDS = [100, 50, 30, 20, 15, 12, 10, 9, 8]


def ledgers(campaign_dir):
    rows = []
    for path in glob.glob(os.path.join(campaign_dir, "node-*", "**", "results.jsonl"), recursive=True):
        with open(path) as f:
            rows += [json.loads(line) for line in f if line.strip()]
    return rows


def end_ms(r):
    return r["started_at_ms"] + r["seconds"] * 1000


def summary(name, rows, target):
    t0 = min(r["started_at_ms"] for r in rows)
    hits = [end_ms(r) for r in rows if r["status"] == "KEEP" and r["metric"] is not None and r["metric"] <= target]
    nodes = sorted({r["node"] for r in rows})
    if not hits:
        print(f"{name}: {len(nodes)} nodes, target {target} not reached ({len(rows)} experiments)")
        return
    hit = min(hits)
    before = [r for r in rows if r["started_at_ms"] <= hit]
    secs = (hit - t0) / 1000
    print(f"{name}: {len(nodes)} nodes, target after {secs:.2f} s from the first experiment, {len(before)} experiments, "
          f"{len(before) / secs / len(nodes):.2f} per node per second")
    print("  proposers", dict(collections.Counter(r["proposer"] for r in before)),
          " keeps", dict(collections.Counter(r["proposer"] for r in before if r["status"] == "KEEP")))
    rebases = [r for r in before if r["proposer"] == "rebase"]
    gathered = [r for r in rebases if "; with " in r["description"]]
    by_id = {r["id"]: r for r in rows}
    first = min((r for r in rows if r["status"] == "KEEP" and r["metric"] is not None and r["metric"] <= target), key=end_ms)
    lineage, x = set(), first
    while x is not None:
        lineage.add(x["id"])
        x = by_id.get(x["parent"])
    adopters = collections.defaultdict(set)
    for r in rows:
        if r["parent"] in by_id and by_id[r["parent"]]["node"] != r["node"]:
            adopters[r["parent"]].add(r["node"])
    kept_rebases = [r for r in rebases if r["status"] == "KEEP"]
    print(f"  rebase experiments {len(rebases)} (kept {len(kept_rebases)}, in the lineage that reached the target "
          f"{sum(r['id'] in lineage for r in kept_rebases)}, adopted by other nodes {sum(bool(adopters[r['id']]) for r in kept_rebases)}); "
          f"gathering peers' changes {len(gathered)} (kept {sum(r['status'] == 'KEEP' for r in gathered)})")
    best, marks, i = float("inf"), [], 0
    for k, r in enumerate(sorted(rows, key=end_ms)):
        if r["status"] == "KEEP" and r["metric"] < best:
            best = r["metric"]
            while i < len(THRESHOLDS) and best <= THRESHOLDS[i]:
                marks.append(f"<={THRESHOLDS[i]}: {k + 1} exps / {(end_ms(r) - t0) / 1000:.1f} s")
                i += 1
    print("  progress", "; ".join(marks))
    gaps = collections.defaultdict(list)
    for node in nodes:
        mine = sorted((r for r in rows if r["node"] == node), key=lambda r: r["started_at_ms"])
        kept = set()
        for a, b in zip(mine, mine[1:]):
            own = b["parent"] in (a["id"], a["parent"]) or b["parent"] in kept
            kind = a["status"] + ("" if own else " + adoption") + ("" if b["proposer"] == "mutation" else f", then {b['proposer']}")
            gaps[kind].append(b["started_at_ms"] - end_ms(a))
            if a["status"] == "KEEP":
                kept.add(a["id"])
    for kind, v in sorted(gaps.items()):
        v.sort()
        print(f"  gap after {kind:32s} n {len(v):5d}  median {statistics.median(v):6.1f} ms  mean {statistics.mean(v):6.1f}"
              f"  p90 {v[int(0.9 * len(v))]:6.1f}")


def main():
    args = sys.argv[1:]
    target = 8.0
    if "--target" in args:
        i = args.index("--target")
        target = float(args[i + 1])
        del args[i:i + 2]
    if len(args) != 1:
        sys.exit(__doc__)
    for name in sorted(os.listdir(args[0])):
        rows = ledgers(os.path.join(args[0], name))
        if rows:
            summary(name, rows, target)


if __name__ == "__main__":
    main()
