#!/usr/bin/env bash
# The test command: builds and runs every test with g++ and clang++ (recording
# compile cost), then the runtime tests under ASan+UBSan, then checks the
# compile-cost table. Build dirs under build/ are reused, so reruns are incremental.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash tools/deps.sh || exit 1

failed=()
summary=()

# config <name> <ctest args> -- <cmake configure args...>
config() {
  local name=$1 ctest_args=$2; shift 3
  local dir=build/test-$name
  echo "=== [$name] configure + build ($dir)"
  if ! cmake -S . -B "$dir" -DLEIBNIZ_BUILD_TESTS=ON "$@" >"$dir.configure.log" 2>&1; then
    cat "$dir.configure.log"; failed+=("$name: configure"); summary+=("$name: configure FAILED"); return
  fi
  if ! cmake --build "$dir" -j2; then
    failed+=("$name: build"); summary+=("$name: build FAILED"); return
  fi
  echo "=== [$name] ctest $ctest_args"
  local log=$dir/ctest.log
  # shellcheck disable=SC2086  # ctest_args is a word list on purpose
  (cd "$dir" && ctest --output-on-failure -j2 $ctest_args) 2>&1 | tee "$log"
  if (( PIPESTATUS[0] != 0 )); then failed+=("$name: tests"); fi
  summary+=("$name: $(grep -E 'tests passed|No tests were found' "$log" | tail -n1)")
}

mkdir -p build
config gcc   "" -- -DCMAKE_CXX_COMPILER=g++ -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CXX_FLAGS_RELEASE=-O2 -DLEIBNIZ_COMPILE_STATS=ON
config clang "" -- -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CXX_FLAGS_RELEASE=-O2 -DLEIBNIZ_COMPILE_STATS=ON
# Sanitizers only matter for code that runs: the compile-only tests and the
# report tools (whose work is done at compile time, and which both configs above
# already build and run) stay out. -O0 -g1: sanitizers see more without the
# optimizer, and full debug info of template-heavy TUs costs a third more time.
config asan  "-L runtime" -- -DCMAKE_CXX_COMPILER=g++ -DCMAKE_BUILD_TYPE=Debug \
  "-DCMAKE_CXX_FLAGS_DEBUG=-O0 -g1" -DLEIBNIZ_SANITIZE=ON -DLEIBNIZ_BUILD_STATIC_TESTS=OFF \
  -DLEIBNIZ_BUILD_TOOLS=OFF

echo "=== compile time and peak memory per TU"
tsvs=()
for t in build/test-gcc/compile_stats.tsv build/test-clang/compile_stats.tsv; do
  [[ -f $t ]] && tsvs+=("$t")
done
if (( ${#tsvs[@]} )); then
  bash tools/compile_table.sh "${tsvs[@]}" || failed+=("compile budget")
else
  echo "(no compile statistics recorded)"
fi

echo "=== summary"
printf '  %s\n' "${summary[@]}"
if (( ${#failed[@]} )); then
  list=$(printf '%s; ' "${failed[@]}")
  echo "FAILED: ${list%; }"
  exit 1
fi
echo "ALL PASSED"
