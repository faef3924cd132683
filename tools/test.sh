#!/usr/bin/env bash
# The test command: builds every test with g++ (its runtime tests under
# ASan+UBSan) and with clang++, recording compile cost, in one build sharing
# two job slots, runs them, then checks the compile-cost table. Build dirs under
# build/ are reused, so reruns are incremental.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash tools/deps.sh || exit 1

failed=()
summary=()
names=()
SECONDS=0
# "=== <what> (<elapsed>)": where the suite's time goes.
phase() { printf '=== %s (%dm%02ds)\n' "$*" $((SECONDS / 60)) $((SECONDS % 60)); }

# configure <name> <ctest args> -- <cmake configure args...>
configure() {
  local name=$1 ctest_args=$2; shift 3
  local dir=build/test-$name
  phase "[$name] configure ($dir)"
  if ! cmake -S . -B "$dir" -G "Unix Makefiles" -DLEIBNIZ_BUILD_TESTS=ON "$@" >"$dir.configure.log" 2>&1; then
    cat "$dir.configure.log"; failed+=("$name: configure"); summary+=("$name: configure FAILED"); return
  fi
  names+=("$name")
  eval "ctest_args_$name=\$ctest_args"
}

mkdir -p build
# g++ at -O1: its -O2 back end costs up to 40 % more on the TUs that run code
# (Catch2 and the evaluators), for no more checking; clang keeps -O2, so the
# tests also run optimized as users build them. The g++ configuration builds
# its Catch2 tests (every test that runs code) with ASan and UBSan at -O0:
# the sanitizers need no build of their own, and the compile-only tests and
# the tools, which run no engine code, stay as they are.
configure gcc   "" -- -DCMAKE_CXX_COMPILER=g++ -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CXX_FLAGS_RELEASE=-O1 -DLEIBNIZ_COMPILE_STATS=ON -DLEIBNIZ_SANITIZE_RUNTIME_TESTS=ON
# The header self-containment check (65 TUs outside the table) runs once, here
# in the g++ configuration: a header that is not self-contained is so for both.
configure clang "" -- -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CXX_FLAGS_RELEASE=-O2 -DLEIBNIZ_COMPILE_STATS=ON -DLEIBNIZ_HEADER_CHECK=OFF

# One build of both configurations, sharing two job slots (make's job server):
# while one configuration waits on a chain of dependencies (the tool before
# its tests, the generated sources before their checks), the others' TUs keep
# both cores busy. Each configuration stops at its first error; the others go on.
if (( ${#names[@]} )); then
  phase "build (${names[*]}), two compiles at a time"
  rm -f build/test-*.build-failed
  {
    printf 'all: %s\n' "${names[*]}"
    for n in "${names[@]}"; do
      printf '%s:\n\t@$(MAKE) --no-print-directory -C build/test-%s all || touch build/test-%s.build-failed\n' "$n" "$n" "$n"
    done
    printf '.PHONY: all %s\n' "${names[*]}"
  } >build/test-all.mk
  make -j2 -f build/test-all.mk
fi

for name in "${names[@]}"; do
  dir=build/test-$name
  if [[ -e $dir.build-failed ]]; then
    failed+=("$name: build"); summary+=("$name: build FAILED"); continue
  fi
  args_var=ctest_args_$name
  phase "[$name] ctest ${!args_var}"
  log=$dir/ctest.log
  # shellcheck disable=SC2086  # the ctest arguments are a word list on purpose
  (cd "$dir" && ctest --output-on-failure -j2 ${!args_var}) 2>&1 | tee "$log"
  if (( PIPESTATUS[0] != 0 )); then failed+=("$name: tests"); fi
  summary+=("$name: $(grep -E 'tests passed|No tests were found' "$log" | tail -n1)")
done

phase "compile time and peak memory per TU"
tsvs=()
for t in build/test-gcc/compile_stats.tsv build/test-clang/compile_stats.tsv; do
  [[ -f $t ]] && tsvs+=("$t")
done
if (( ${#tsvs[@]} )); then
  bash tools/compile_table.sh "${tsvs[@]}" || failed+=("compile budget")
else
  echo "(no compile statistics recorded)"
fi

phase "summary"
printf '  %s\n' "${summary[@]}"
if (( ${#failed[@]} )); then
  list=$(printf '%s; ' "${failed[@]}")
  echo "FAILED: ${list%; }"
  exit 1
fi
echo "ALL PASSED"
