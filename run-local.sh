#!/usr/bin/env bash
# Builds ChainWatch (tests skipped) and starts the local stack: embedded Kafka and PostgreSQL, anvil, a mail
# inbox, and the five services. Needs only a JDK 17+ and Node/npm. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")"
./mvnw -B -DskipTests -pl chainwatch-local -am package
exec java -jar chainwatch-local/target/chainwatch-local-*-exec.jar "$@"
