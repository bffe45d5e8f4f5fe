#!/usr/bin/env bash
# A container start side by side with its peers: `run --rm busybox true` by
#   - jocker, daemonless (./jocker --root TMP), on JDK 17 and the newest JDK;
#   - podman (daemonless too), runc alone (a bundle from `runc spec`);
#   - the docker CLI to dockerd 20.10 (started here, off the host network);
#   - the docker CLI and ./jocker -H to jockerd (started here);
#   - unshare + chroot, the floor: namespaces and a root switch, no engine.
# Every engine runs the same busybox root file system (Jocker's built-in image,
# saved and loaded into podman and dockerd). The variants run interleaved,
# one each per round; the script prints min/median/max and the ratio lines of
# issue 15's goals. Installs podman, runc, docker.io, busybox-static when
# missing; removes every container, daemon, mount and directory it made.
# Run as root from the repository root after ./mvnw -B package -DskipTests:
#   bash docs/bench/start-vs-peers.sh [ROUNDS]
# (JDK17_HOME, JDK_NEWEST_HOME, BENCH_DAEMON_JDK, BENCH_DIR: see lib.sh)
set -euo pipefail
rounds=${1:-20}
. "$(dirname "$0")/lib.sh"
bench_find_jdks
bench_jocker_root
bench_busybox_tar
bench_start_podman
bench_runc_bundle
bench_start_dockerd
bench_start_jockerd
floor="$BENCH_TMP/floor"
bench_busybox_rootfs "$floor"
bench_header "run --rm busybox true" "$rounds"
bench_versions

for ((round = 1; round <= rounds; round++)); do
  for home in "${BENCH_JDKS[@]}"; do
    bench_time "jocker daemonless (JDK $(bench_jdk_feature "$home"))" \
      env JAVA_HOME="$home" ./jocker --root "$JROOT" run --rm busybox true
  done
  bench_time "podman" "${PODMAN[@]}" run --rm "${PODMAN_RUN[@]}" busybox true
  bench_time "docker -> dockerd" "${DOCKER[@]}" run --rm --network none busybox true
  bench_time "docker -> jockerd" \
    env DOCKER_CONFIG="$DOCKER_DIR/config" docker -H "$JDSOCK" run --rm --network none busybox true
  bench_time "jocker -H -> jockerd (JDK $JDK17_FEATURE)" \
    env JAVA_HOME="$JDK17_HOME" ./jocker -H "$JDSOCK" run --rm busybox true
  bench_time "runc" runc --root "$RUNC_DIR/state" run --bundle "$RUNC_DIR/bundle" "bench-$round"
  bench_time "unshare -fmpiun --mount-proc chroot (floor)" \
    unshare -fmpiun --mount-proc chroot "$floor" /bin/true
done

echo
bench_table
echo
bench_ratio "daemonless/podman (JDK $JDK17_FEATURE)" "jocker daemonless (JDK $JDK17_FEATURE)" podman 1.5
bench_ratio "daemonless/podman (JDK $JDK_NEWEST_FEATURE)" \
  "jocker daemonless (JDK $JDK_NEWEST_FEATURE)" podman 1.0
bench_ratio "docker->jockerd / docker->dockerd" "docker -> jockerd" "docker -> dockerd" 0.5
bench_ratio "jocker -H->jockerd / docker->dockerd" \
  "jocker -H -> jockerd (JDK $JDK17_FEATURE)" "docker -> dockerd" 1.0
echo "load at the end: $(uptime | sed 's/.*load average: //')"
