#!/usr/bin/env bash
# RULE_LAUNCH_COMPILE wrapper (LEIBNIZ_COMPILE_STATS=ON):
#   compile_stats.sh <tsv> <compiler-id> <source-root> -- <compile command...>
# Runs the command under GNU time and appends "<source> <compiler> <wall s> <peak MiB>"
# to <tsv> for the project's own .cpp files.
# The compiler's exit status and output pass through untouched.
tsv=$1 compiler=$2 root=$3
shift 4

src=""
prev=""
for a in "$@"; do
  [[ $prev == -c ]] && src=$a
  prev=$a
done
builddir=$(dirname "$tsv")
rel=${src#"$root"/}
# The precompiled headers (cmake/LeibnizPch.cmake) get a row of their
# own; other generated sources, foreign sources, the shared test mains and the
# compile-fail checks (whose failing compile is the test) stay out.
if [[ $src =~ /leibniz_pch_([a-z]+)\.dir/cmake_pch\.hxx\.cxx$ ]]; then
  rel="(precompiled header: ${BASH_REMATCH[1]})"
elif [[ $src != *.cpp || $src != "$root"/* || $src == "$builddir"/* || $rel == tests/support/* \
        || " $* " == *" -DLEIBNIZ_COMPILE_FAIL "* ]]; then
  exec "$@"
fi

times=$(mktemp)
/usr/bin/time -f '%e %M' -o "$times" "$@"   # -o keeps time's line out of stderr
rc=$?
read -r wall kib < <(tail -n 1 "$times")
rm -f "$times"
if [[ -n $kib ]]; then
  # One short O_APPEND write per line, so parallel compiles do not interleave.
  printf '%s\t%s\t%s\t%s\n' "$rel" "$compiler" "$wall" "$(awk -v k="$kib" 'BEGIN{printf "%.1f", k/1024}')" >> "$tsv"
fi
exit $rc
