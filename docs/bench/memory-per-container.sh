#!/usr/bin/env bash
# Memory per running container: N detached `sleep 1000` containers, and the
# proportional set size (PSS, /proc/PID/smaps_rollup) of the engine's own
# processes with the N running minus with none, divided by N. The containers'
# processes (busybox sleep) are not counted in any engine.
#   - jocker daemonless: every JVM started from this build (shims, monitors);
#   - jocker via jockerd: the same, jockerd itself included;
#   - docker -> dockerd 20.10: the containerd-shim-runc-v2 processes, and
#     separately with the growth of dockerd and containerd;
#   - podman: its conmon processes.
# Goal (issue 15): Jocker's figure, jockerd included, <= containerd-shim's.
# Run as root from the repository root after ./mvnw -B package -DskipTests:
#   bash docs/bench/memory-per-container.sh [N]
# (JDK17_HOME, JDK_NEWEST_HOME, BENCH_DAEMON_JDK, BENCH_DIR: see lib.sh;
# Jocker's CLI runs on JDK 17, jockerd on BENCH_DAEMON_JDK, JDK 17 by default)
set -euo pipefail
n=${1:-10}
settle=${BENCH_SETTLE:-3} # seconds between the last start and the measurement
. "$(dirname "$0")/lib.sh"
bench_find_jdks
bench_jocker_root
bench_busybox_tar
bench_start_podman
bench_start_dockerd
bench_header "memory per running container, N=$n"
bench_versions

declare -A before=() after=()
rows=()
measure() { # ROW WHEN PID...: PSS in KiB into before/after
  local row=$1 when=$2
  shift 2
  if [ "$when" = before ]; then before[$row]=$(bench_pss_kib "$@"); else after[$row]=$(bench_pss_kib "$@"); fi
  [[ " ${rows[*]-} " == *" $row "* ]] || rows+=("$row")
}
jocker17=(env JAVA_HOME="$JDK17_HOME" ./jocker)

# Jocker, daemonless.
measure daemonless before $(bench_jocker_pids)
for ((i = 0; i < n; i++)); do "${jocker17[@]}" --root "$JROOT" run -d busybox sleep 1000 >/dev/null; done
sleep "$settle"
measure daemonless after $(bench_jocker_pids)
bench_jocker_rm_all "$JROOT"

# Jocker through jockerd (the CLI exits after each start; jockerd stays).
bench_start_jockerd
sleep "$settle"
measure jockerd before $(bench_jocker_pids)
for ((i = 0; i < n; i++)); do "${jocker17[@]}" -H "$JDSOCK" run -d busybox sleep 1000 >/dev/null; done
sleep "$settle"
measure jockerd after $(bench_jocker_pids)
bench_jocker_rm_all "$JDROOT" -H "$JDSOCK"

# docker -> dockerd.
shims() { bench_pids_matching containerd-shim "$DOCKER_DIR/containerd.sock"; }
measure containerd-shim before $(shims)
measure "dockerd+containerd+shims" before $DOCKERD_PID $CONTAINERD_PID $(shims)
for ((i = 0; i < n; i++)); do "${DOCKER[@]}" run -d --network none busybox sleep 1000 >/dev/null; done
sleep "$settle"
measure containerd-shim after $(shims)
measure "dockerd+containerd+shims" after $DOCKERD_PID $CONTAINERD_PID $(shims)
ids=$("${DOCKER[@]}" ps -aq); [ -z "$ids" ] || "${DOCKER[@]}" rm -f $ids >/dev/null

# podman.
conmons() { bench_pids_matching conmon "$PODMAN_DIR"; }
measure "podman conmon" before $(conmons)
for ((i = 0; i < n; i++)); do
  "${PODMAN[@]}" run -d "${PODMAN_RUN[@]}" busybox sleep 1000 >/dev/null
done
sleep "$settle"
measure "podman conmon" after $(conmons)
"${PODMAN[@]}" rm -af -t 0 >/dev/null

per() { awk -v a="${after[$1]}" -v b="${before[$1]}" -v n="$n" 'BEGIN { printf "%.1f", (a - b) / n / 1024 }'; }
echo
printf '%-28s %4s %14s %14s %16s\n' 'processes counted' N 'none MiB' "$n running MiB" 'per container'
for row in "${rows[@]}"; do
  printf '%-28s %4d %14.1f %14.1f %16s\n' "$row" "$n" \
    "$(awk -v k="${before[$row]}" 'BEGIN { print k / 1024 }')" \
    "$(awk -v k="${after[$row]}" 'BEGIN { print k / 1024 }')" "$(per "$row")"
done
echo
bench_ratio_of "jocker daemonless / containerd-shim" "$(per daemonless)" "$(per containerd-shim)" 1.0
bench_ratio_of "jocker via jockerd / containerd-shim" "$(per jockerd)" "$(per containerd-shim)" 1.0
echo "load at the end: $(uptime | sed 's/.*load average: //')"
