#!/usr/bin/env bash
# Build and run the benchmarks (tools/bench), then print Markdown tables of
# leibniz against hand-written code. One command:
#   tools/bench.sh            (5 repetitions; LEIBNIZ_BENCH_REPETITIONS=n to change)
# Built with g++ -O3 -march=native (LEIBNIZ_BENCH_FLAGS to change): every
# variant, leibniz's and the hand-written ones, with the same flags, for the
# machine that runs them. Times are CPU time, so that time the shared
# machine gives to other work is not counted; the spread over the
# repetitions is printed as well.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash tools/deps.sh
build=${LEIBNIZ_BENCH_BUILD:-build/bench}
reps=${LEIBNIZ_BENCH_REPETITIONS:-5}
flags=${LEIBNIZ_BENCH_FLAGS:--O3 -march=native}

cmake -S . -B "$build" -DCMAKE_CXX_COMPILER=g++ -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=$flags" \
  -DLEIBNIZ_BUILD_BENCH=ON -DLEIBNIZ_BUILD_TESTS=OFF -DLEIBNIZ_BUILD_TOOLS=OFF >"$build.configure.log" 2>&1 \
  || { cat "$build.configure.log"; exit 1; }
cmake --build "$build" --target leibniz_bench -j2
"$build/tools/bench/leibniz_bench" --benchmark_repetitions="$reps" --benchmark_min_time=0.2 \
  --benchmark_out="$build/bench.json" --benchmark_out_format=json --benchmark_format=console >"$build/bench.txt"
python3 tools/bench/table.py "$build/bench.json" "$flags"
echo
echo "(raw results: $build/bench.txt, $build/bench.json)"
