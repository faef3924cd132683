#!/usr/bin/env bash
# compile_table.sh <tsv> [<tsv>...]
# Prints a Markdown table of per-TU compile cost (from tools/compile_stats.sh)
# for g++ and clang, and fails if any TU takes over 60 s or 2048 MiB.
# The last line per (TU, compiler) wins, since incremental builds append.
set -euo pipefail
(( $# > 0 )) || { echo "usage: compile_table.sh <tsv> [<tsv>...]" >&2; exit 2; }
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
max_s=${LEIBNIZ_MAX_COMPILE_S:-60}
max_mib=${LEIBNIZ_MAX_COMPILE_MIB:-2048}

for f in "$@"; do
  [[ -r $f ]] || { echo "compile_table.sh: cannot read $f" >&2; exit 1; }
done

cat "$@" | awk -F'\t' -v root="$root" -v max_s="$max_s" -v max_mib="$max_mib" '
  function major(id) { split(id, p, "-"); split(p[2], v, "."); return v[1] }
  NF == 4 {
    fam = ($2 ~ /^GNU/) ? "gcc" : ($2 ~ /Clang/) ? "clang" : ""
    if (fam == "") next
    if (!(fam in ver)) ver[fam] = major($2)
    wall[$1, fam] = $3; mib[$1, fam] = $4; tu[$1] = 1
  }
  END {
    printf "| TU | g++ %s wall (s) | g++ peak (MiB) | clang %s wall (s) | clang peak (MiB) |\n", ver["gcc"], ver["clang"]
    print "| --- | ---: | ---: | ---: | ---: |"
    n = 0
    for (t in tu) {
      # deleted since (rows named in parentheses are not files: the PCHs)
      if (t !~ /^\(/ && system("test -e \"" root "/" t "\"") != 0) continue
      names[++n] = t
    }
    # insertion sort keeps this POSIX awk
    for (i = 2; i <= n; i++) { x = names[i]; for (j = i - 1; j > 0 && names[j] > x; j--) names[j+1] = names[j]; names[j+1] = x }
    bad = ""
    for (i = 1; i <= n; i++) {
      t = names[i]; row = "| " t
      split("gcc clang", fams, " ")
      for (k = 1; k <= 2; k++) {
        f = fams[k]
        if ((t, f) in wall) {
          row = row " | " wall[t, f] " | " mib[t, f]
          if (wall[t, f] + 0 > max_s || mib[t, f] + 0 > max_mib)
            bad = bad sprintf(" %s (%s: %s s, %s MiB)", t, f, wall[t, f], mib[t, f])
        } else row = row " | - | -"
      }
      print row " |"
    }
    if (bad != "") { printf "compile budget exceeded (%s s / %s MiB):%s\n", max_s, max_mib, bad; exit 1 }
  }'
