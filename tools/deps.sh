#!/usr/bin/env bash
# Installs the Debian 12 packages the build, tests and report need
# (`deps.sh bench`: and the benchmarks).
# Idempotent: apt is only touched when something is missing.
set -uo pipefail

packages=(
  g++ clang cmake make git ca-certificates
  libboost1.81-dev catch2 libbenchmark-dev libeigen3-dev
  time                      # /usr/bin/time for compile statistics
  python3-torch             # tests/torch (Debian's torch, for /usr/bin/python3)
  texlive-latex-base texlive-latex-recommended poppler-utils   # PDF report
)

# `deps.sh bench`: also what the benchmarks need (tools/bench.sh)
if [[ ${1:-} == bench ]]; then
  packages+=(libtorch-dev gnuplot-nox)   # leibniz against PyTorch's kernels; the plots
fi

missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if (( ${#missing[@]} == 0 )); then
  echo "deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo=()
if (( $(id -u) != 0 )); then
  command -v sudo >/dev/null || { echo "deps: missing ${missing[*]}, not root and no sudo" >&2; exit 1; }
  sudo=(sudo)
fi

log=$(mktemp /tmp/leibniz-deps.XXXXXX.log)
export DEBIAN_FRONTEND=noninteractive
if ! "${sudo[@]}" apt-get update >"$log" 2>&1; then
  echo "deps: apt-get update failed: $(grep -m1 -E '^(E|Err):' "$log" || tail -n1 "$log") (log: $log)" >&2
  exit 1
fi
if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >>"$log" 2>&1; then
  echo "deps: apt-get install ${missing[*]} failed: $(grep -E '^E:' "$log" | tail -n1) (log: $log)" >&2
  exit 1
fi
echo "deps: installed ${missing[*]}"
