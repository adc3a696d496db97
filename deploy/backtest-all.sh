#!/usr/bin/env bash
# Backtests every trace in a folder on both bundled catalogs and prints the README's markdown table.
# Usage: deploy/backtest-all.sh [TRACES_DIR] [extra backtest options]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
dir="${1:-$ROOT/samples/traces}"; shift || true
echo "| trace | catalog | autoscaler: cost / mem over / conn over / changes | cost vs oracle | original rule | hourly oracle |"
echo "| --- | --- | --- | --- | --- | --- |"
for t in "$dir"/*.csv; do
  for c in rediscloud heroku-redis; do
    "$ROOT/autoscaler" backtest --trace "$t" --catalog "$c" "$@" | awk -v t="$(basename "$t")" -v c="$c" '
      $1=="autoscaler"{a=sprintf("%.2f / %d / %d / %d", $2,$3,$4,$5); r=$6}
      $1=="original"{o=sprintf("%.2f / %d / %d / %d", $2,$3,$4,$5)}
      $1=="hourly-oracle"{h=sprintf("%.2f / %d / %d / %d", $2,$3,$4,$5)}
      END{printf "| %s | %s | %s | %.3f | %s | %s |\n", t, c, a, r, o, h}'
  done
done
