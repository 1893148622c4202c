#!/usr/bin/env bash
# Render the first page of each printed PDF of a seeded book into docs/print/*.png, with
# the same tools the tests read them with (gridbook print / report, poppler's pdftoppm).
# Usage: docs/print/render.sh   (needs poppler-utils and a Chinese font, as .ci/run installs)
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
book="$work/book.json"
uv run gridbook seed "$book" --worker w01 --households 30 --days 20 --seed 7 --today 2026-03-20 >/dev/null
uv run gridbook print record "$book" -o "$work/record.pdf" --lang zh >/dev/null
uv run gridbook print letter "$book" -o "$work/letter.pdf" --lang zh >/dev/null
uv run gridbook print round "$book" --date 2026-03-20 -o "$work/round.pdf" --lang zh >/dev/null
uv run gridbook report "$book" --date 2026-03-20 --format pdf -o "$work/report.pdf" --lang zh --by 王主任 >/dev/null
for name in record letter round; do
  pdftoppm -r 60 -png -f 1 -l 1 -singlefile "$work/$name.pdf" "docs/print/$name"
done
pdftoppm -r 60 -png -f 2 -l 2 -singlefile "$work/report.pdf" docs/print/report
ls -l docs/print/*.png
