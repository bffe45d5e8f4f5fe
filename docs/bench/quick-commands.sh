#!/usr/bin/env bash
# Jocker's quick commands against an empty JVM's start: `--version`, `ps`,
# `inspect X`, `rm X` (X a container made each round by an untimed command)
# beside `java -Xshare:auto -version` of the same JDK, on JDK 17 and the
# newest JDK, interleaved. Goal (issue 15): each <= 3x the empty JVM.
# Run as root from the repository root after ./mvnw -B package -DskipTests:
#   bash docs/bench/quick-commands.sh [ROUNDS]
# (JDK17_HOME, JDK_NEWEST_HOME, BENCH_DIR: see lib.sh)
set -euo pipefail
rounds=${1:-20}
. "$(dirname "$0")/lib.sh"
bench_find_jdks
bench_jocker_root
bench_header "quick commands" "$rounds"
# A container for ps and inspect to show, and one per round for rm.
JAVA_HOME=$JDK17_HOME ./jocker --root "$JROOT" run --name shown busybox true >/dev/null

for ((round = 1; round <= rounds; round++)); do
  for home in "${BENCH_JDKS[@]}"; do
    jdk="JDK $(bench_jdk_feature "$home")"
    jocker=(env JAVA_HOME="$home" ./jocker --root "$JROOT")
    bench_quiet "${jocker[@]}" run --name "gone$round" busybox true
    bench_time "java -Xshare:auto -version ($jdk)" "$home/bin/java" -Xshare:auto -version
    bench_time "jocker --version ($jdk)" "${jocker[@]}" --version
    bench_time "jocker ps ($jdk)" "${jocker[@]}" ps
    bench_time "jocker inspect ($jdk)" "${jocker[@]}" inspect shown
    bench_time "jocker rm ($jdk)" "${jocker[@]}" rm "gone$round"
  done
done

echo
bench_table
echo
for home in "${BENCH_JDKS[@]}"; do
  jdk="JDK $(bench_jdk_feature "$home")"
  for command in --version ps inspect rm; do
    bench_ratio "$command / java -version ($jdk)" "jocker $command ($jdk)" "java -Xshare:auto -version ($jdk)" 3
  done
done
echo "load at the end: $(uptime | sed 's/.*load average: //')"
