#!/usr/bin/env bash
# The main command: builds leibniz-derive (Release) and turns its report into a PDF.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash tools/deps.sh
cmake -S . -B build/main -DCMAKE_BUILD_TYPE=Release -DLEIBNIZ_BUILD_TESTS=OFF -DLEIBNIZ_BUILD_TOOLS=ON
cmake --build build/main -j2

derive=build/main/tools/leibniz-derive
if [[ ! -x $derive ]]; then
  echo "main: $derive was not built (no leibniz-derive target in tools/CMakeLists.txt yet)" >&2
  exit 1
fi

mkdir -p build/report
"$derive" report --out build/report/leibniz-report.tex
# Twice, so references and the table of contents settle.
for _ in 1 2; do
  pdflatex -halt-on-error -interaction=nonstopmode -output-directory build/report \
    build/report/leibniz-report.tex >build/report/pdflatex.log \
    || { tail -n 40 build/report/pdflatex.log >&2; echo "main: pdflatex failed (build/report/pdflatex.log)" >&2; exit 1; }
done
echo "main: report at $(pwd)/build/report/leibniz-report.pdf"
