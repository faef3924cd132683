#!/usr/bin/env python3
"""Markdown tables from leibniz_bench's JSON output (tools/bench.sh).

Times are the median CPU time over the repetitions, with the spread
(min-max over repetitions) to show the noise of a shared machine.
"""
import json
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
    return f"{t * 1e6:.1f}" if t >= 1e-5 else f"{t * 1e6:.2f}"


def main(path, flags):
    context, runs = load(path)
    print(f"Machine: {context.get('num_cpus', '?')} CPUs at {context.get('mhz_per_cpu', '?')} MHz, "
          f"load average {', '.join(f'{x:.1f}' for x in context.get('load_avg', []))} when the run started; "
          f"built with g++ {flags}.")
    print()
    print("### Batch-norm backward (dgamma, dbeta, dY at once)")
    print()
    print("saved: the forward pass's m and v are inputs (two passes); scratch: they are recomputed (four passes).")
    print()
    print("| form | type | B x M | leibniz us | hand-written us | Eigen us | leibniz / hand | leibniz / Eigen "
          "| leibniz GB/s | hand GB/s | stream GB/s | copy GB/s | leibniz % of copy |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for form in ("saved", "scratch"):
        for T, size in (("double", 8), ("float", 4)):
            for B, M in ((256, 1024), (32, 64), (4096, 1024)):
                key = lambda v: f"bn_{v}<{T}>/{B}/{M}"
                if key(f"{form}_leibniz") not in runs:
                    continue
                lz, hd, eg = runs[key(f"{form}_leibniz")], runs[key(f"{form}_hand")], runs[key(f"{form}_eigen")]
                st, cp = runs[key("stream")], runs[key("copy")]
                traffic = (3 * B * M + (6 if form == "saved" else 4) * M) * size
                copy_traffic = (3 * B * M + 6 * M) * size
                gbs = traffic / med(lz) / 1e9
                copy = copy_traffic / med(cp) / 1e9
                print(f"| {form} | {T} | {B} x {M} | {us(med(lz))} ({spread(lz)}) | {us(med(hd))} ({spread(hd)}) "
                      f"| {us(med(eg))} | **{med(lz) / med(hd):.2f}** | {med(lz) / med(eg):.2f} | {gbs:.1f} "
                      f"| {traffic / med(hd) / 1e9:.1f} | {3 * B * M * size / med(st) / 1e9:.1f} | {copy:.1f} "
                      f"| {100 * gbs / copy:.0f}% |")
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
        print(f"| {T} | {us(med(lz))} ({spread(lz)}) | {us(med(hd))} ({spread(hd)}) | **{med(lz) / med(hd):.2f}** | {us(med(lo))} |")
    print()
    print("### Attention block backward (LayerNorm, Q/K/V, softmax, residual; all six gradients, double)")
    print()
    print("| T x D | leibniz (program of adjoints, plan's loops) us | leibniz, products by Eigen us | hand-written backward (loops) us | leibniz / hand | leibniz with Eigen / hand |")
    print("|---|---|---|---|---|---|")
    for T, D in ((16, 32), (128, 64)):
        k = f"attention_leibniz/{T}/{D}"
        if k not in runs:
            continue
        lz, le, hd = runs[k], runs[f"attention_leibniz_eigen/{T}/{D}"], runs[f"attention_hand/{T}/{D}"]
        print(f"| {T} x {D} | {us(med(lz))} ({spread(lz)}) | {us(med(le))} ({spread(le)}) | {us(med(hd))} ({spread(hd)}) "
              f"| **{med(lz) / med(hd):.2f}** | **{med(le) / med(hd):.2f}** |")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "")
