#!/usr/bin/env python3
"""Markdown tables from leibniz_bench's JSON output (tools/bench.sh).

Times are the median CPU time over the repetitions, with the spread
(min-max over repetitions) to show the noise of a shared machine.
"""
import json
import re
import statistics
import sys


def load(path):
    with open(path) as f:
        data = json.load(f)
    runs = {}
    for b in data["benchmarks"]:
        if b.get("run_type") != "iteration":
            continue
        name = b.get("run_name", b["name"])
        unit = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[b.get("time_unit", "ns")]
        runs.setdefault(name, []).append(b["cpu_time"] * unit)
    return data.get("context", {}), runs


def med(xs):
    return statistics.median(xs)


def spread(xs):
    m = med(xs)
    return f"{100 * (min(xs) / m - 1):+.0f}/{100 * (max(xs) / m - 1):+.0f}%"


def us(t):
    return f"{t * 1e6:.1f}"


def main(path):
    context, runs = load(path)
    print(f"Machine: {context.get('num_cpus', '?')} CPUs at {context.get('mhz_per_cpu', '?')} MHz, "
          f"load average {', '.join(f'{x:.1f}' for x in context.get('load_avg', []))} when the run started.")
    print()
    print("### Batch-norm backward (dgamma, dbeta, dY at once)")
    print()
    print("| type | B x M | leibniz us | hand -O2 us | hand vectorized us | Eigen us | leibniz / hand vectorized "
          "| leibniz / hand -O2 | leibniz / Eigen | leibniz GB/s | copy GB/s | leibniz % of copy |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for T, size in (("double", 8), ("float", 4)):
        for B, M in ((256, 1024), (32, 64)):
            key = lambda v: f"bn_{v}<{T}>/{B}/{M}"
            if key("leibniz") not in runs:
                continue
            t = {v: runs[key(v)] for v in ("leibniz", "hand", "hand_vectorized", "eigen", "copy")}
            traffic = (3 * B * M + 4 * M) * size
            gbs = traffic / med(t["leibniz"]) / 1e9
            copy = traffic / med(t["copy"]) / 1e9
            print(f"| {T} | {B} x {M} | {us(med(t['leibniz']))} ({spread(t['leibniz'])}) | {us(med(t['hand']))} "
                  f"| {us(med(t['hand_vectorized']))} | {us(med(t['eigen']))} "
                  f"| {med(t['leibniz']) / med(t['hand_vectorized']):.2f} | {med(t['leibniz']) / med(t['hand']):.2f} "
                  f"| {med(t['leibniz']) / med(t['eigen']):.2f} | {gbs:.1f} | {copy:.1f} | {100 * gbs / copy:.0f}% |")
    print()
    print("### MLP backward, 784-256-128-10, batch 64 (all six gradients)")
    print()
    print("| type | leibniz (Eigen GEMM) us | hand-written Eigen us | leibniz / hand | leibniz, plain loops us |")
    print("|---|---|---|---|---|")
    for T in ("double", "float"):
        k = f"mlp_leibniz<{T}>"
        if k not in runs:
            continue
        lz, hd, lo = runs[k], runs[f"mlp_hand<{T}>"], runs[f"mlp_leibniz_loops<{T}>"]
        print(f"| {T} | {us(med(lz))} ({spread(lz)}) | {us(med(hd))} ({spread(hd)}) | {med(lz) / med(hd):.2f} | {us(med(lo))} |")


if __name__ == "__main__":
    main(sys.argv[1])
