#!/usr/bin/env bash
# Heroku's release phase: each service migrates its schema and creates (or, on multi-tenant Kafka plans,
# checks) the topics, then exits (runtime ReleasePhase). A service that fails stops the release and its
# log says why, with the Heroku CLI commands to run when topics are missing (docs/heroku.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
read -ra opts <<< "${JAVA_OPTS:-}"
for service in collector decision actuator notifier; do
  echo "release: $service"
  # No PORT: a one-off dyno is not routed to; port 0 lets the service take any free one.
  env -u PORT QUARKUS_HTTP_PORT=0 AUTOSCALER_RELEASE_PHASE=true java "${opts[@]}" -jar "$service-service/target/quarkus-app/quarkus-run.jar"
done
