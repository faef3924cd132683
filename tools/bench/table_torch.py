#!/usr/bin/env python3
"""Markdown tables of leibniz against PyTorch from leibniz_bench_torch's JSON
output (tools/bench.sh torch), and the ratios as a data file for gnuplot.

usage: table_torch.py BENCH.json FLAGS [RATIOS.dat]

Times are medians of CPU time over the repetitions; a ratio is leibniz's
median over PyTorch's (below 1: leibniz is faster). The issue's targets:
every ratio at most 0.8, and batch-norm backward out of cache (4096 x 1024)
at 60 % of memcpy's bandwidth or more.
"""
import sys

import table  # tools/bench/table.py: the JSON reader

TARGET_RATIO = 0.8
TARGET_COPY = 60.0
OUT_OF_CACHE = (4096, 1024)


def medians(path):
    context, runs = table.load(path)
    return context, {name: table.med(times) for name, times in runs.items()}


def mark(r):
    return f"**{r:.2f}**" if r <= TARGET_RATIO else f"{r:.2f}"


MODELS = [
    # prefix, title, sizes, PyTorch's side, extent names
    ("bn", "Batch norm + ReLU backward (dY, dgamma, dbeta)", ((32, 64), (256, 1024), (4096, 1024)),
     "threshold_backward + native_batch_norm_backward", "B x M"),
    ("ln", "LayerNorm backward (dX, dgamma, dbeta)", ((32, 64), (256, 1024), (4096, 1024)),
     "native_layer_norm_backward", "T x D"),
    ("ce", "Softmax cross-entropy backward (dH, mean over the batch)", ((32, 64), (256, 1024), (4096, 1024)),
     "nll_loss_backward + _log_softmax_backward_data", "N x K"),
    ("attention", "Attention block backward (dX, dWq, dWk, dWv, dgamma, dbeta)", ((16, 32), (128, 64), (512, 128)),
     "autograd backward of the recorded graph", "T x D"),
]


def main(path, flags, dat=None):
    context, t = medians(path)
    print(f"Machine: {context.get('num_cpus', '?')} CPUs at {context.get('mhz_per_cpu', '?')} MHz, load average "
          f"{', '.join(f'{x:.1f}' for x in context.get('load_avg', []))} when the run started; one thread; leibniz built "
          f"with g++ {flags}, PyTorch {context.get('torch', 'as Debian 12 ships it (1.13)')}. Ratios: leibniz's median "
          f"time over PyTorch's (bold: at most {TARGET_RATIO}, the target).")
    rows, met, total = [], 0, 0
    for prefix, title, sizes, theirs, extents in MODELS:
        print()
        print(f"### {title}")
        print()
        bn = prefix == "bn"
        head = f"| type | {extents} | leibniz evaluate_into us | leibniz emitted us | PyTorch us | evaluate_into / PyTorch | emitted / PyTorch |"
        if bn:
            head += " PyTorch BN alone us | evaluate_into % of memcpy | emitted % of memcpy | PyTorch % of memcpy |"
        print(f"PyTorch: {theirs}.")
        print()
        print(head)
        print("|" + "---|" * (head.count("|") - 1))
        for T in ("double", "float"):
            for a, b in sizes:
                key = lambda v: f"{prefix}_{v}<{T}>/{a}/{b}"
                if key("torch") not in t:
                    continue
                ev, em, th = t[key("leibniz")], t[key("emitted")], t[key("torch")]
                r_ev, r_em = ev / th, em / th
                total += 2
                met += (r_ev <= TARGET_RATIO) + (r_em <= TARGET_RATIO)
                line = f"| {T} | {a} x {b} | {table.us(ev)} | {table.us(em)} | {table.us(th)} | {mark(r_ev)} | {mark(r_em)} |"
                if bn:
                    cp = t[key("copy")]
                    line += (f" {table.us(t[key('torch_bn')])} | {100 * cp / ev:.0f}% | {100 * cp / em:.0f}% "
                             f"| {100 * cp / th:.0f}% |")
                print(line)
                rows.append((f"{prefix[:3]} {T[0]} {a}x{b}", r_ev, r_em))
    print()
    print(f"At most {TARGET_RATIO} x PyTorch's time: {met} of {total} (evaluate_into and emitted, every case).")
    for T in ("double", "float"):
        a, b = OUT_OF_CACHE
        k = f"bn_{{}}<{T}>/{a}/{b}"
        if k.format("copy") in t:
            best = max(100 * t[k.format("copy")] / t[k.format(v)] for v in ("leibniz", "emitted"))
            verdict = "met" if best >= TARGET_COPY else "not met"
            print(f"Batch norm backward out of cache ({T}, {a} x {b}): {best:.0f}% of memcpy at best "
                  f"(target {TARGET_COPY:.0f}%: {verdict}).")
    if dat:
        with open(dat, "w") as f:
            f.write("# case  evaluate_into/PyTorch  emitted/PyTorch\n")
            for name, r_ev, r_em in rows:
                f.write(f"\"{name}\" {r_ev:.4f} {r_em:.4f}\n")


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None)
