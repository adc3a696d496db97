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
        $1=="autoscaler"{a=sprintf("%.2f / %d / %d / %d", $2,$3,$4,$5); r=$6; ac=$2}
        $1=="original"{o=sprintf("%.2f / %d / %d / %d", $2,$3,$4,$5)}
        $1=="hourly-oracle"{h=sprintf("%.2f / %d / %d / %d", $2,$3,$4,$5)}
        $1=="oracle-at-thr"{b=sprintf("%.2f / %d", $2,$5); bc=$2}
        END{printf "%s\t%s\t| %s | %s | %s | %.3f | %s | %s | %s |\n", ac, bc, t, c, a, r, b, o, h}'
    done
  done
}

table="$(rows "$@" | awk -F'\t' '
  BEGIN{print "| trace | catalog | autoscaler: cost / mem over / conn over / changes | vs bound | at-threshold bound: cost / changes | original rule | hourly oracle |"
        print "| --- | --- | --- | --- | --- | --- | --- |"}
  {a+=$1; b+=$2; print $3}
  END{printf "| **all runs** | | %.2f | **%.3f** | %.2f | | |\n", a, a/b, b}')"
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
