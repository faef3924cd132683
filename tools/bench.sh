#!/usr/bin/env bash
# Build and run the benchmarks (tools/bench), then print Markdown tables.
# One command each:
#   tools/bench.sh            leibniz against hand-written code and Eigen
#   tools/bench.sh torch      leibniz against PyTorch's backward kernels
#                             (bench_torch_*.cpp; one thread on both sides),
#                             and, where gnuplot is installed, the ratios
#                             plotted to docs/img/torch-ratios.png
# 5 repetitions (LEIBNIZ_BENCH_REPETITIONS=n to change).
# Built with g++ -O3 -march=native (LEIBNIZ_BENCH_FLAGS to change): every
# variant, leibniz's and the hand-written ones, with the same flags, for the
# machine that runs them (PyTorch as Debian ships it). Times are CPU time, so
# that time the shared machine gives to other work is not counted; the spread
# over the repetitions is printed as well.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

what=${1:-evaluators}
case $what in
  evaluators) target=leibniz_bench ;;
  torch) target=leibniz_bench_torch ;;
  *) echo "usage: tools/bench.sh [torch]" >&2; exit 2 ;;
esac

bash tools/deps.sh bench
build=${LEIBNIZ_BENCH_BUILD:-build/bench}
reps=${LEIBNIZ_BENCH_REPETITIONS:-5}
flags=${LEIBNIZ_BENCH_FLAGS:--O3 -march=native}

cmake -S . -B "$build" -DCMAKE_CXX_COMPILER=g++ -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=$flags" \
  -DLEIBNIZ_BUILD_BENCH=ON -DLEIBNIZ_BUILD_TESTS=OFF -DLEIBNIZ_BUILD_TOOLS=OFF >"$build.configure.log" 2>&1 \
  || { cat "$build.configure.log"; exit 1; }
if [[ $what == torch ]] && grep -q "leibniz_bench_torch is not built" "$build.configure.log"; then
  echo "bench.sh: libtorch not found (Debian's libtorch-dev)" >&2
  exit 1
fi
cmake --build "$build" --target "$target" -j2
out=$build/$target
# glibc's malloc returns blocks of 32 MiB and more to the system at every free,
# so that each call that allocates one (PyTorch's outputs, emitted kernels'
# scratch) pays page faults on all of it again: a cost of the allocator, not of
# the kernels, which these tunables remove (malloc keeps and reuses the memory).
GLIBC_TUNABLES=glibc.malloc.mmap_threshold=4294967295:glibc.malloc.trim_threshold=4294967295 \
OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 \
  "$build/tools/bench/$target" --benchmark_repetitions="$reps" --benchmark_min_time=0.2 \
  --benchmark_out="$out.json" --benchmark_out_format=json --benchmark_format=console >"$out.txt"
if [[ $what == torch ]]; then
  python3 tools/bench/table_torch.py "$out.json" "$flags" "$out.dat"
  plot=docs/img/torch-ratios.png
  if command -v gnuplot >/dev/null; then
    gnuplot -e "data='$out.dat'; out='$plot'" tools/bench/torch_ratios.gp
    echo; echo "(plot: $plot)"
  else
    echo; echo "(no plot: gnuplot is not installed; apt-get install gnuplot-nox)"
  fi
else
  python3 tools/bench/table.py "$out.json" "$flags"
fi
echo
echo "(raw results: $out.txt, $out.json)"
