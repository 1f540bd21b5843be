#!/usr/bin/env bash
# Runs every test of ChainWatch (unit tests and integration tests with real Kafka, PostgreSQL, anvil, SMTP and
# Prometheus). Installs first, from Debian's packages, what the tests need and a fresh machine lacks (as root, or
# through sudo); then runs `./mvnw -B verify`; and ends by listing every test that was skipped, with the reason.
set -uo pipefail
cd "$(dirname "$0")"

# What the tests need beyond a JDK: Node/npm (the build installs anvil from npm and builds the web console),
# Prometheus (DashboardsIT runs every Grafana panel's PromQL against a live one; promtool checks the rules), Redis, Chromium
# (ConsoleIT drives the web console in it with playwright-core).
need=()
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
command -v prometheus >/dev/null 2>&1 || need+=(prometheus)
# Redis (the gateway's shared rate limits: SharedLimitsIT and RedisOutageIT start their own redis-server)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
[ -x /usr/bin/chromium ] || need+=(chromium)
# a CJK font, for the console's Chinese screenshots
[ -d /usr/share/fonts/truetype/wqy ] || need+=(fonts-wqy-microhei)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then sudo=(); elif command -v sudo >/dev/null 2>&1; then sudo=(sudo); else sudo=(none); fi
  if [ "${sudo[0]-}" = none ]; then
    echo "run-tests.sh: missing ${need[*]} and not root (no sudo): the tests that need them will be SKIPPED" >&2
  else
    echo "run-tests.sh: installing ${need[*]} from Debian's packages"
    "${sudo[@]}" apt-get update -q && DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q "${need[@]}"
  fi
fi

./mvnw -B verify "$@"
status=$?

# Every skipped test, loudly: a green build with skipped tests has not tested everything.
skipped=$(grep -l "<skipped" ./*/target/surefire-reports/TEST-*.xml ./*/target/failsafe-reports/TEST-*.xml 2>/dev/null)
if [ -n "$skipped" ]; then
  echo
  echo "==================== SKIPPED TESTS ===================="
  for report in $skipped; do
    awk '/<testcase / { name=$0; sub(/.*<testcase name="/, "", name); sub(/".*/, "", name)
                        cls=$0; sub(/.*classname="/, "", cls); sub(/".*/, "", cls) }
         /<skipped/   { why=""; if (match($0, /message="[^"]*"/)) why=substr($0, RSTART+9, RLENGTH-10)
                        print "  " cls "." name ": " why }' "$report"
  done
  echo "======================================================="
else
  echo "run-tests.sh: no test was skipped"
fi

# One closing line with the totals of every report (a testsuite's tests include its failures, errors and skips).
cat ./*/target/surefire-reports/TEST-*.xml ./*/target/failsafe-reports/TEST-*.xml 2>/dev/null \
  | grep -o '<testsuite [^>]*>' \
  | awk '{ t=f=e=s=0
           if (match($0, / tests="[0-9]+"/))    t=substr($0, RSTART+8, RLENGTH-9)
           if (match($0, / failures="[0-9]+"/)) f=substr($0, RSTART+11, RLENGTH-12)
           if (match($0, / errors="[0-9]+"/))   e=substr($0, RSTART+9, RLENGTH-10)
           if (match($0, / skipped="[0-9]+"/))  s=substr($0, RSTART+10, RLENGTH-11)
           T+=t; F+=f+e; S+=s }
         END { printf "Tests: %d passed, %d failed, %d skipped\n", T-F-S, F, S }'
exit $status
