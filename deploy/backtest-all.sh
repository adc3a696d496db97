#!/usr/bin/env bash
# Backtests every trace in a folder on both bundled catalogs and prints the markdown table of
# docs/decisions.md with a total row; with --docs it also writes the table into docs/decisions.md
# (between its backtest-all markers).
# Usage: deploy/backtest-all.sh [--docs] [TRACES_DIR] [extra backtest options]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
docs=false
if [[ "${1:-}" == --docs ]]; then docs=true; shift; fi
dir="${1:-$ROOT/samples/traces}"; shift || true

rows() {
  for t in "$dir"/*.csv; do
    for c in heroku-redis rediscloud; do
      "$ROOT/autoscaler" backtest --trace "$t" --catalog "$c" "$@" | awk -v t="$(basename "$t" .csv)" -v c="$c" '
        $1=="autoscaler"{a=sprintf("%.2f / %d / %d / %d", $2,$3,$4,$5); r=$6; f=sprintf("%d / %d", $7,$8); fo=$7; s=$9; ac=$2; ch=$5}
        $1=="original"{o=sprintf("%.2f / %d / %d / %d (%d foreseeable)", $2,$3,$4,$5,$7)}
        $1=="hourly-oracle"{h=sprintf("%.2f / %d / %d / %d", $2,$3,$4,$5)}
        $1=="oracle-at-thr"{b=sprintf("%.2f / %d", $2,$5); bc=$2; bch=$5}
        $1=="safe-bound"{sb=sprintf("%.2f / %d", $2,$5); sc=$2}
        END{printf "%s\t%s\t%s\t%s\t%s\t%s\t| %s | %s | %s | %s | %.3f | %s | %.3f | %s | %s | %s |\n", ac, bc, sc, fo, ch, bch, t, c, a, f, s, sb, r, b, o, h}'
    done
  done
}

table="$(rows "$@" | awk -F'\t' '
  BEGIN{print "| trace | catalog | autoscaler: cost / mem over / conn over / changes | overflow samples: foreseeable / unforeseeable | vs safe | safe bound: cost / changes | vs at-threshold | at-threshold bound: cost / changes | original rule | hourly oracle |"
        print "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"}
  {a+=$1; b+=$2; s+=$3; f+=$4; ch+=$5; bch+=$6; print $7}
  END{printf "| **all runs** | | %.2f / %d changes | %d foreseeable | **%.3f** | %.2f | **%.3f** | %.2f / %d | | |\n", a, ch, f, a/s, s, a/b, b, bch}')"
echo "$table"
if $docs; then
  TABLE="$table" python3 - "$ROOT/docs/decisions.md" <<'PY'
import os, sys
doc = sys.argv[1]
text = open(doc).read()
start, end = '<!-- backtest-all -->', '<!-- /backtest-all -->'
i, j = text.index(start) + len(start), text.index(end)
open(doc, 'w').write(text[:i] + '\n' + os.environ['TABLE'] + '\n' + text[j:])
PY
  echo "written into docs/decisions.md" >&2
fi
