#!/usr/bin/env python3
"""A model of `swarm bench swarm --part race`: 10-D Rastrigin from the demo start point, the demo
campaign's mutation proposer (1 change half the time, else 2 or 3; gaussian steps of 2%, 10% or 30%
of the range; values rounded to 0.001), keep when strictly better. Each node is a loop of
experiments of fixed length; a kept experiment is published as a finding and reaches the other
nodes after a gossip delay; a node looks at the findings it has heard of only at its experiment
boundaries (adoption costs a little time); rebase and gathering merge per coordinate as the
line-by-line three-way merge does for the parameters file. Not modelled: CPU contention, the
swarm-wide duplicate filter, the start-up of the nodes (added as a constant).

It answers "how much faster should N nodes be with policy X, and how likely is a 5-seed median to
show at least 5x" without hours of benchmark runs. Its figures for 1 node, 8 isolated, 8 adopting
and 8 rebasing nodes matched the measured ones (docs/benchmarks.md, session 4).

usage: python3 deploy/tools/race_model.py [--runs 200] [--round-ms 112] [--one-round-ms 107]
                                          [--start-s 0.6] [--gossip-ms 10] [--adoption-ms 10] [policies...]
policies: isolated, adopt (no rebase), rebase (own change only), gather (the default: rebase with
the improvements peers lost in the same race)
"""
import argparse
import heapq
import itertools
import math
import random
import statistics

START = (3.1, -2.7, 4.4, 1.9, -3.6, 2.2, -4.1, 0.8, 3.3, -1.5)


def rastrigin(x):
    return 10 * len(x) + sum(v * v - 10 * math.cos(2 * math.pi * v) for v in x)


def mutate(x, r):
    y = list(x)
    changes = 1 if r.random() < 0.5 else 2 + r.randrange(2)
    for i in r.sample(range(len(x)), changes):
        v = y[i] + r.gauss(0, 1) * r.choice([0.02, 0.1, 0.3]) * 10.24
        y[i] = round(max(-5.12, min(5.12, v)), 3)
    return tuple(y)


def merge(base, ours, theirs):
    """Line-by-line three-way merge of coordinate vectors; None on a conflict."""
    out = list(ours)
    for i, (b, o, t) in enumerate(zip(base, ours, theirs)):
        if t != b:
            if o != b and o != t:
                return None
            out[i] = t
    return tuple(out)


IDS = itertools.count()


class State:
    """A kept state: its coordinates, metric, parent state and the node that kept it."""
    __slots__ = ("id", "x", "metric", "parent", "node")

    def __init__(self, x, parent, node):
        self.id, self.x, self.metric, self.parent, self.node = next(IDS), x, rastrigin(x), parent, node


def race(seed, nodes, policy, round_s, gossip_s=0.010, adoption_s=0.010, target=8.0, limit_s=300.0):
    r = random.Random(seed)
    base = State(START, None, -1)
    known = [{base.id} for _ in range(nodes)]  # states each node has held (it can read their files)
    best = [base] * nodes
    pending = [None] * nodes  # (own superseded state, gather peers?) to rebase next
    heard = [[] for _ in range(nodes)]
    gathered = [set() for _ in range(nodes)]
    events = [(r.uniform(0, 0.02), 0, n, None) for n in range(nodes)]
    heapq.heapify(events)
    while events:
        t, kind, n, payload = heapq.heappop(events)
        if t > limit_s:
            return limit_s
        if kind == 1:  # a finding reaches node n
            heard[n].append(payload)
            continue
        if payload is not None:  # node n's experiment ended
            parent, x, rebased = payload
            if rastrigin(x) < best[n].metric:
                s = State(x, parent, n)
                best[n] = s
                known[n].add(s.id)
                if s.metric <= target:
                    return t
                for k in range(nodes):
                    if k != n:
                        heapq.heappush(events, (t + gossip_s * r.uniform(0.5, 1.5), 1, k, s))
            elif rebased is not None and rebased[1]:
                pending[n] = (rebased[0], False)  # a merge with peers was not kept: own change alone next
        spent = 0.0
        if policy != "isolated" and heard[n]:
            f = min(heard[n], key=lambda s: s.metric)
            if f.metric < best[n].metric:
                previous, best[n] = best[n], f
                known[n].add(f.id)
                spent = adoption_s
                ownchange = previous.node == n and previous.parent is not None
                pending[n] = (previous, True) if policy in ("rebase", "gather") and ownchange else None
        candidate, rebased = None, None
        if pending[n] is not None:
            own, with_peers = pending[n]
            pending[n] = None
            c = merge(own.parent.x, best[n].x, own.x)
            used = False
            if c is not None and policy == "gather" and with_peers:
                losers = sorted((s for s in heard[n] if s.node != n and s.id not in known[n] and s.id not in gathered[n]
                                 and s.parent is not None and s.parent.id in known[n]
                                 and s.metric > own.metric and s.metric > best[n].metric), key=lambda s: s.metric)
                for s in losers:
                    gathered[n].add(s.id)
                    c2 = merge(s.parent.x, c, s.x)
                    if c2 is not None and c2 != c:
                        c, used = c2, True
            if c is not None and c != best[n].x:
                candidate, rebased = c, (own, used)
        if candidate is None:
            candidate = mutate(best[n].x, r)
        heapq.heappush(events, (t + spent + round_s * r.uniform(0.95, 1.05), 0, n, (best[n], candidate, rebased)))
    return limit_s


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("policies", nargs="*", default=["isolated", "adopt", "rebase", "gather"])
    p.add_argument("--runs", type=int, default=200, help="seeds per configuration")
    p.add_argument("--nodes", type=int, default=8)
    p.add_argument("--round-ms", type=float, default=112, help="one experiment plus the gap to the next, N nodes")
    p.add_argument("--one-round-ms", type=float, default=107, help="the same for 1 node")
    p.add_argument("--start-s", type=float, default=0.6, help="start-up of N nodes (1 node: 0.1 s)")
    p.add_argument("--gossip-ms", type=float, default=10, help="a finding's way to the other nodes (mean; +-50%%)")
    p.add_argument("--adoption-ms", type=float, default=10, help="what adopting a finding costs a node")
    a = p.parse_args()
    one = [race(s, 1, "adopt", a.one_round_ms / 1000) + 0.1 for s in range(a.runs)]
    print(f"1 node: mean {statistics.mean(one):.1f} s, median {statistics.median(one):.1f} s ({a.runs} seeds)")
    pick = random.Random(1)
    for policy in a.policies:
        times = [race(10_000 + s, a.nodes, policy, a.round_ms / 1000, gossip_s=a.gossip_ms / 1000,
                      adoption_s=a.adoption_ms / 1000) + a.start_s for s in range(a.runs)]
        ratios = []
        for _ in range(4000):
            m1 = sorted(pick.choice(one) for _ in range(5))[2]
            mn = sorted(pick.choice(times) for _ in range(5))[2]
            ratios.append(m1 / mn)
        print(f"{a.nodes} nodes, {policy:8s}: mean {statistics.mean(times):5.1f} s, median {statistics.median(times):5.1f} s; "
              f"5-seed medians: speed-up over 1 node typically {statistics.median(ratios):.2f}x, "
              f">= 5x in {sum(x >= 5 for x in ratios) / len(ratios):.0%} of 5-seed benches")


if __name__ == "__main__":
    main()
