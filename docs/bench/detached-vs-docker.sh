#!/usr/bin/env bash
# A detached container's life cycle, Jocker daemonless against the docker CLI
# to dockerd 20.10 (started here, off the host network): `run -d busybox
# sleep 100`, `stop -t 1`, `rm`, interleaved round by round; Jocker on JDK 17
# and the newest JDK. busybox's sleep as PID 1 ignores SIGTERM, so stop waits
# its full second in both engines. Goals (issue 15): run -d <= 1.5x docker's,
# stop -t 1 <= 1.2x.
# Run as root from the repository root after ./mvnw -B package -DskipTests:
#   bash docs/bench/detached-vs-docker.sh [ROUNDS]
# (JDK17_HOME, JDK_NEWEST_HOME, BENCH_DIR: see lib.sh)
set -euo pipefail
rounds=${1:-10}
. "$(dirname "$0")/lib.sh"
bench_find_jdks
bench_jocker_root
bench_busybox_tar
bench_start_dockerd
bench_header "run -d, stop -t 1, rm" "$rounds"
bench_versions

for ((round = 1; round <= rounds; round++)); do
  for home in "${BENCH_JDKS[@]}"; do
    jdk="JDK $(bench_jdk_feature "$home")"
    jocker=(env JAVA_HOME="$home" ./jocker --root "$JROOT")
    bench_time_out "jocker run -d ($jdk)" id "${jocker[@]}" run -d busybox sleep 100
    bench_time "jocker stop -t 1 ($jdk)" "${jocker[@]}" stop -t 1 "$id"
    bench_time "jocker rm ($jdk)" "${jocker[@]}" rm "$id"
  done
  bench_time_out "docker run -d" id "${DOCKER[@]}" run -d --network none busybox sleep 100
  bench_time "docker stop -t 1" "${DOCKER[@]}" stop -t 1 "$id"
  bench_time "docker rm" "${DOCKER[@]}" rm "$id"
done

echo
bench_table
echo
for home in "${BENCH_JDKS[@]}"; do
  jdk="JDK $(bench_jdk_feature "$home")"
  bench_ratio "run -d / docker ($jdk)" "jocker run -d ($jdk)" "docker run -d" 1.5
  bench_ratio "stop -t 1 / docker ($jdk)" "jocker stop -t 1 ($jdk)" "docker stop -t 1" 1.2
  bench_ratio "rm / docker ($jdk)" "jocker rm ($jdk)" "docker rm" -
done
echo "load at the end: $(uptime | sed 's/.*load average: //')"
