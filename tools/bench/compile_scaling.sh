#!/usr/bin/env bash
# Compile time and peak memory of every gradient of an L-layer network
# (tools/bench/mlp_depth.cpp: one backprop program, printed) for
# L = 1 ... 16, with g++ (wall time, and CPU time, which another build
# sharing the machine disturbs less): a table (docs/compile-scaling.tsv) and, where
# gnuplot is installed, a plot (docs/img/compile-scaling.png).
# LEIBNIZ_SCALING_FLAGS=-DEACH_GRADIENT also takes each gradient out as an
# expression of its own.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
max=${1:-16}
out=docs/compile-scaling.tsv
flags=(${LEIBNIZ_SCALING_FLAGS:-} -std=c++20 -O0 -Iinclude -I. -fconstexpr-ops-limit=4294967296 -fconstexpr-loop-limit=16777216 -fconstexpr-depth=2048)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf 'layers\twall_s\tcpu_s\tpeak_mib\n' >"$out"
for ((L = 1; L <= max; ++L)); do
  if ! /usr/bin/time -f '%e %U %S %M' -o "$work/time" g++ "${flags[@]}" -DLAYERS=$L tools/bench/mlp_depth.cpp -o "$work/a.out" 2>"$work/err"; then
    echo "compile_scaling: L = $L failed: $(grep -m1 error "$work/err")" >&2
    exit 1
  fi
  read -r wall user sys kib <"$work/time"
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
  printf '%d\t%s\t%s\t%d\n' "$L" "$wall" "$cpu" $((kib / 1024)) | tee -a "$out"
  "$work/a.out" >/dev/null || { echo "compile_scaling: L = $L: the program failed" >&2; exit 1; }
done
if command -v gnuplot >/dev/null; then
  gnuplot <<PLOT
set terminal png size 800,450
set output 'docs/img/compile-scaling.png'
set xlabel 'layers L'
set ylabel 'compile time, user + system CPU (s)'
set y2label 'peak memory (MiB)'
set y2tics
set key left top
plot '$out' using 1:3 with linespoints title 'CPU time (s)', '$out' using 1:4 axes x1y2 with linespoints title 'peak memory (MiB)'
PLOT
  echo "plot: docs/img/compile-scaling.png"
else
  echo "(gnuplot not installed: no plot)"
fi
