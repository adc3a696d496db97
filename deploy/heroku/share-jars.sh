#!/usr/bin/env bash
# Heroku's slug holds the four services' quarkus-app directories, whose libraries are mostly the same jars: every
# jar of the decision, actuator and notifier services that is byte for byte one of the collector's is replaced by a
# relative symbolic link to it, so the slug (a tarball, which keeps links as links) holds it once. Run by the
# build on Heroku (the heroku-slug profile, after the four services are packaged); running it twice changes nothing.
# Usage: share-jars.sh [ROOT]   (ROOT: the repository, by default the one this script is in)
set -euo pipefail
root="${1:-$(cd "$(dirname "$0")/../.." && pwd)}"
ref="$root/collector-service/target/quarkus-app"
[[ -d "$ref/lib" ]] || { echo "share-jars: $ref is not built" >&2; exit 1; }
before=$(du -sm "$root"/*-service/target/quarkus-app | awk '{s += $1} END {print s}')
shared=0
for service in decision actuator notifier; do
  app="$root/$service-service/target/quarkus-app"
  [[ -d "$app/lib" ]] || { echo "share-jars: $app is not built: package the four services first" >&2; exit 1; }
  for dir in lib/boot lib/main; do
    [[ -d "$app/$dir" ]] || continue
    for jar in "$app/$dir"/*.jar; do
      [[ -L "$jar" ]] && continue
      name=$(basename "$jar")
      same="$ref/$dir/$name"
      if [[ -f "$same" && ! -L "$same" ]] && cmp -s "$jar" "$same"; then
        # From <service>-service/target/quarkus-app/lib/<dir>/ up to the repository: five levels.
        ln -sfn "../../../../../collector-service/target/quarkus-app/$dir/$name" "$jar"
        shared=$((shared + 1))
      fi
    done
  done
done
after=$(du -sm "$root"/*-service/target/quarkus-app | awk '{s += $1} END {print s}')
echo "share-jars: $shared jars now links to the collector's; the four services take ${after} MB instead of ${before} MB"
