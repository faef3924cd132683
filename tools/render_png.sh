#!/usr/bin/env bash
# render_png.sh [name] [out.png]
# Renders one result of the report (default: Problem 5 under sqrt(v + eps),
# whose verdict is "differs", with the engine's derivation and the
# difference) to a PNG for the README. The result is typeset alone with
# `leibniz-derive report --only <name>`, as the report shows it, and cropped
# to its text. Builds the tool with tools/main.sh first if it is not there.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

name=${1:-bn.dl-dY.inside}
out=${2:-docs/img/problem5-verdict.png}
derive=build/main/tools/leibniz-derive
work=build/report/png
dpi=110

[[ -x $derive ]] || bash tools/main.sh
for tool in pdflatex pdftoppm pdftotext; do
  command -v "$tool" >/dev/null || { echo "render_png: $tool not found" >&2; exit 1; }
done

mkdir -p "$work"
"$derive" report --only "$name" --out "$work/result.tex"
pdflatex -halt-on-error -interaction=nonstopmode -output-directory "$work" "$work/result.tex" >"$work/pdflatex.log" \
  || { tail -n 20 "$work/pdflatex.log" >&2; echo "render_png: pdflatex failed" >&2; exit 1; }
pdf=$work/result.pdf
pages=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
[[ ${pages:-1} == 1 ]] || echo "render_png: $name takes $pages pages; rendering the first" >&2

# The box around the words on the page, in pt, with a small margin.
read -r x0 y0 x1 y1 < <(
  pdftotext -f 1 -l 1 -bbox "$pdf" - | awk '
    /<word / {
      n = split($0, a, "\"")
      for (i = 1; i < n; i += 2) {
        if (a[i] ~ /xMin=$/) xa = a[i + 1]; if (a[i] ~ /yMin=$/) ya = a[i + 1]
        if (a[i] ~ /xMax=$/) xb = a[i + 1]; if (a[i] ~ /yMax=$/) yb = a[i + 1]
      }
      if (!seen || xa < x0) x0 = xa; if (!seen || ya < y0) y0 = ya
      if (!seen || xb > x1) x1 = xb; if (!seen || yb > y1) y1 = yb
      seen = 1
    }
    END { if (!seen) exit 1; printf "%f %f %f %f\n", x0 - 8, y0 - 8, x1 + 8, y1 + 10 }')

px() { awk -v pt="$1" -v dpi="$dpi" 'BEGIN { printf "%d", pt * dpi / 72 + 0.5 }'; }
mkdir -p "$(dirname "$out")"
pdftoppm -png -r "$dpi" -f 1 -l 1 -x "$(px "$x0")" -y "$(px "$y0")" -W "$(px "$(awk -v a="$x1" -v b="$x0" 'BEGIN { print a - b }')")" \
  -H "$(px "$(awk -v a="$y1" -v b="$y0" 'BEGIN { print a - b }')")" -singlefile "$pdf" "${out%.png}"
echo "render_png: $out"
