#!/usr/bin/env bash
# Runs one benchmark: benchmarks/run.sh <ClassName> [args...]. Builds everything (tests skipped) first.
# Prints rows for docs/benchmarks.md: | id | value | unit | date | command |
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -pl benchmarks -am >/tmp/chainwatch-bench-build.log
exec java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" "io.chainwatch.benchmarks.$1" "${@:2}"
