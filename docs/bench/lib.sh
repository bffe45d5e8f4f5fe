# Shared parts of the container benchmarks in docs/bench (sourced, not run):
# timing, min/median/max, ratio lines, and the peers (podman, runc, dockerd,
# jockerd) set up in a temporary directory and torn down on exit.
#
# Every script that sources this file runs as root from the repository root
# after ./mvnw -B package -DskipTests, and takes these from the environment:
#   JDK17_HOME   the JDK 17 to run Jocker on (default: the one in /usr/lib/jvm)
#   JDK_NEWEST_HOME  the newest JDK (default: the highest version in /usr/lib/jvm)
#   BENCH_DIR    where the temporary roots go (default: /var/tmp)
# Everything a script starts (containers, daemons, mounts, images in their
# temporary roots) is removed by the EXIT trap, also when a command fails.

export LC_ALL=C
repo=$(pwd)

bench_die() { echo "bench: $*" >&2; exit 2; }

[ "$(id -u)" = 0 ] || bench_die "run as root"
[ -x ./jocker ] && [ -f solutions/dist/target/jocker.jar ] \
  || bench_die "run from the repository root after ./mvnw -B package -DskipTests"

# ---------------------------------------------------------------- clean-up
# Commands run in reverse order of registration when the script exits.
BENCH_CLEANUP=()
bench_on_exit() { BENCH_CLEANUP+=("$1"); }
bench_cleanup() {
  local i
  for ((i = ${#BENCH_CLEANUP[@]} - 1; i >= 0; i--)); do
    eval "${BENCH_CLEANUP[i]}" >/dev/null 2>&1 || true
  done
  BENCH_CLEANUP=()
}
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

BENCH_TMP=$(mktemp -d "${BENCH_DIR:-/var/tmp}/jocker-bench.XXXXXX")
bench_on_exit 'rm -rf "$BENCH_TMP"'
# Mounts left under the temporary directory (overlays of podman and dockerd),
# deepest first; runs just before the directory is removed.
bench_on_exit 'findmnt -rn -o TARGET | grep "^$BENCH_TMP" | sort -r | xargs -r -n1 umount -l'
# The parent cgroups the peers make in every cgroup v1 hierarchy (dockerd's
# "docker", podman's "libpod_parent" with --cgroup-manager cgroupfs) outlive
# them: the ones that were not there before this script are removed at exit,
# deepest first; rmdir(2) refuses any that still holds a process.
BENCH_CGROUPS_BEFORE=$(find /sys/fs/cgroup -mindepth 2 -maxdepth 2 -type d \
  \( -name docker -o -name libpod_parent \) 2>/dev/null | sort)
bench_cgroups_made() {
  find /sys/fs/cgroup -mindepth 2 -maxdepth 2 -type d \( -name docker -o -name libpod_parent \) 2>/dev/null \
    | sort | comm -13 <(printf '%s\n' "$BENCH_CGROUPS_BEFORE") -
}
bench_on_exit 'for d in $(bench_cgroups_made); do find "$d" -depth -type d -exec rmdir {} \; ; done'

# ---------------------------------------------------------------- JDKs
bench_jdk_feature() { # JAVA_HOME -> 17, 25, ...
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | awk -F'= ' '/java.specification.version/ {print $2}'
}
bench_find_jdks() {
  local home feature best=0
  if [ -z "${JDK17_HOME:-}" ]; then
    for home in /usr/lib/jvm/*/; do
      home=${home%/}
      [ -x "$home/bin/java" ] && [ ! -L "$home" ] || continue
      [ "$(bench_jdk_feature "$home")" = 17 ] && { JDK17_HOME=$home; break; }
    done
  fi
  [ -n "${JDK17_HOME:-}" ] || bench_die "no JDK 17 in /usr/lib/jvm: set JDK17_HOME"
  if [ -z "${JDK_NEWEST_HOME:-}" ]; then
    for home in /usr/lib/jvm/*/; do
      home=${home%/}
      [ -x "$home/bin/java" ] && [ ! -L "$home" ] || continue
      feature=$(bench_jdk_feature "$home")
      [[ $feature =~ ^[0-9]+$ ]] && [ "$feature" -gt "$best" ] && { best=$feature; JDK_NEWEST_HOME=$home; }
    done
  fi
  JDK17_FEATURE=$(bench_jdk_feature "$JDK17_HOME")
  JDK_NEWEST_FEATURE=$(bench_jdk_feature "$JDK_NEWEST_HOME")
  # The JDKs to run Jocker on: 17, and the newest when it is another one.
  BENCH_JDKS=("$JDK17_HOME")
  [ "$JDK_NEWEST_FEATURE" != "$JDK17_FEATURE" ] && BENCH_JDKS+=("$JDK_NEWEST_HOME")
  export JDK17_HOME JDK_NEWEST_HOME
}

# ---------------------------------------------------------------- header
bench_header() { # TITLE ROUNDS
  echo "== $1"
  echo "date:   $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "host:   $(uname -r), $(nproc) CPUs, load $(uptime | sed 's/.*load average: //')"
  [ -z "${2:-}" ] || echo "rounds: $2 (interleaved: every variant once per round)"
  if [ -n "${JDK17_HOME:-}" ]; then
    local home
    for home in "${BENCH_JDKS[@]}"; do
      echo "JDK:    $home: $("$home/bin/java" -version 2>&1 | sed -n 2p)"
    done
  fi
}
bench_versions() { # print the peers' versions that are installed
  command -v podman >/dev/null && echo "peer:   $(podman --version)"
  command -v runc >/dev/null && echo "peer:   $(runc --version | head -1)"
  command -v dockerd >/dev/null && echo "peer:   $(dockerd --version), $(containerd --version | cut -d' ' -f1,3)"
  command -v docker >/dev/null && echo "peer:   $(command -v docker): $(docker --version)"
  return 0
}

# ---------------------------------------------------------------- peers from Debian
bench_need() { # PACKAGE COMMAND: installs PACKAGE when COMMAND is missing
  command -v "$2" >/dev/null && return 0
  echo "bench: installing $1 (for $2)" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$1" >/dev/null \
    || bench_die "apt-get install $1 failed"
}

# ---------------------------------------------------------------- timing
# Samples in microseconds, per variant, in the order variants were first timed.
declare -A BENCH_SAMPLES=()
BENCH_ORDER=()
bench_record() { # VARIANT MICROSECONDS
  [ -n "${BENCH_SAMPLES[$1]+x}" ] || BENCH_ORDER+=("$1")
  BENCH_SAMPLES[$1]+="$2 "
}
# bench_time VARIANT COMMAND...: runs the command (output thrown away) and
# records its wall time. A command that fails stops the benchmark, with its
# stderr: a failed start measures nothing.
bench_time() {
  local variant=$1 t0 t1
  shift
  t0=$EPOCHREALTIME
  if ! "$@" >/dev/null 2>"$BENCH_TMP/last.err"; then
    echo "bench: '$variant' failed: $*" >&2
    cat "$BENCH_TMP/last.err" >&2
    exit 1
  fi
  t1=$EPOCHREALTIME
  bench_record "$variant" $(( 10#${t1/./} - 10#${t0/./} ))
}
# bench_time_out VARIANT VAR COMMAND...: as bench_time, and keeps the
# command's first line of stdout in VAR (a container's ID).
bench_time_out() {
  local variant=$1 var=$2 t0 t1 out
  shift 2
  t0=$EPOCHREALTIME
  if ! out=$("$@" 2>"$BENCH_TMP/last.err"); then
    echo "bench: '$variant' failed: $*" >&2
    cat "$BENCH_TMP/last.err" >&2
    exit 1
  fi
  t1=$EPOCHREALTIME
  bench_record "$variant" $(( 10#${t1/./} - 10#${t0/./} ))
  printf -v "$var" '%s' "${out%%$'\n'*}"
}
# bench_quiet COMMAND...: an untimed step (making a container to remove);
# its output is shown only when it fails.
bench_quiet() {
  "$@" >/dev/null 2>"$BENCH_TMP/last.err" || { echo "bench: failed: $*" >&2; cat "$BENCH_TMP/last.err" >&2; exit 1; }
}
bench_stats() { # VARIANT -> "min median max" in ms
  tr ' ' '\n' <<<"${BENCH_SAMPLES[$1]}" | grep . | sort -n | awk '
    { v[NR] = $1 }
    END {
      m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      printf "%.1f %.1f %.1f\n", v[1] / 1000, m / 1000, v[NR] / 1000
    }'
}
bench_median() { bench_stats "$1" | cut -d' ' -f2; }
bench_table() {
  local variant stats
  printf '%-44s %6s %9s %9s %9s\n' variant n 'min ms' 'median' 'max ms'
  for variant in "${BENCH_ORDER[@]}"; do
    read -r -a stats <<<"$(bench_stats "$variant")"
    printf '%-44s %6d %9s %9s %9s\n' "$variant" "$(wc -w <<<"${BENCH_SAMPLES[$variant]}")" \
      "${stats[0]}" "${stats[1]}" "${stats[2]}"
  done
}
# bench_ratio LABEL A B GOAL: median(A) / median(B) against GOAL (MET when <=).
bench_ratio() {
  bench_ratio_of "$1" "$(bench_median "$2")" "$(bench_median "$3")" "$4"
}
bench_ratio_of() { # LABEL VALUE_A VALUE_B GOAL (- for none)
  awk -v l="$1" -v a="$2" -v b="$3" -v g="$4" 'BEGIN {
    r = a / b
    if (g == "-") printf "ratio %-40s %6.2f  (%s / %s; no goal)\n", l, r, a, b
    else printf "ratio %-40s %6.2f  (%s / %s; goal <= %s)  %s\n", l, r, a, b, g, (r <= g ? "MET" : "NOT MET")
  }'
}

# ---------------------------------------------------------------- Jocker
# One state directory for the daemonless CLI; the built-in busybox image (made
# from busybox-static) is created by the first run, outside the timing.
bench_jocker_root() {
  bench_need busybox-static busybox
  JROOT="$BENCH_TMP/jocker"
  mkdir -p "$JROOT"
  bench_on_exit 'bench_jocker_rm_all "$JROOT"'
  JAVA_HOME=$JDK17_HOME ./jocker --root "$JROOT" run --rm busybox true >/dev/null
}
bench_jocker_rm_all() { # ROOT [-H URL]
  local root=$1 ids
  shift
  ids=$(JAVA_HOME=$JDK17_HOME ./jocker --root "$root" "$@" ps -aq 2>/dev/null) || return 0
  [ -z "$ids" ] || JAVA_HOME=$JDK17_HOME ./jocker --root "$root" "$@" rm -f $ids >/dev/null
}
# The busybox image as a docker save archive, for podman and dockerd to load:
# the same root file system in every engine.
bench_busybox_tar() {
  BUSYBOX_TAR="$BENCH_TMP/busybox.tar"
  JAVA_HOME=$JDK17_HOME ./jocker --root "$JROOT" save busybox >"$BUSYBOX_TAR"
}
bench_busybox_rootfs() { # DIR: the image's one layer unpacked
  mkdir -p "$1"
  tar -xOf "$BUSYBOX_TAR" --wildcards '*/layer.tar' | tar -C "$1" -xf -
}

# jockerd on its own root and socket (JAVA_HOME: JDK 17 unless BENCH_DAEMON_JDK).
bench_start_jockerd() {
  JDROOT="$BENCH_TMP/jockerd"
  JDSOCK="unix://$JDROOT/jocker.sock"
  mkdir -p "$JDROOT"
  JAVA_HOME=${BENCH_DAEMON_JDK:-$JDK17_HOME} ./jockerd --root "$JDROOT" --host "$JDSOCK" \
    >"$BENCH_TMP/jockerd.log" 2>&1 &
  JOCKERD_PID=$!
  bench_on_exit 'kill $JOCKERD_PID; wait $JOCKERD_PID'
  bench_on_exit 'bench_jocker_rm_all "$JDROOT" -H "$JDSOCK"'
  bench_wait_for "jockerd" test -S "$JDROOT/jocker.sock"
  # Its busybox image, made outside the timing.
  JAVA_HOME=$JDK17_HOME ./jocker -H "$JDSOCK" run --rm busybox true >/dev/null
}

bench_wait_for() { # WHAT COMMAND...: up to 60 s
  local what=$1 i
  shift
  for ((i = 0; i < 600; i++)); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  bench_die "$what did not come up"
}

# ---------------------------------------------------------------- podman
# podman with its own storage and run state; the flags design.md section 7
# says this host needs (no systemd, cgroup v1, no network).
bench_start_podman() {
  bench_need podman podman
  PODMAN_DIR="$BENCH_TMP/podman"
  mkdir -p "$PODMAN_DIR"/{root,run,tmp}
  PODMAN=(podman --root "$PODMAN_DIR/root" --runroot "$PODMAN_DIR/run" --tmpdir "$PODMAN_DIR/tmp"
    --runtime runc --cgroup-manager cgroupfs --events-backend file)
  PODMAN_RUN=(--network none --ulimit nofile=1024:1024 --ulimit nproc=4096:4096)
  bench_on_exit '"${PODMAN[@]}" rm -af -t 0; "${PODMAN[@]}" rmi -af'
  "${PODMAN[@]}" load -q -i "$BUSYBOX_TAR" >/dev/null 2>&1
  "${PODMAN[@]}" run --rm "${PODMAN_RUN[@]}" busybox true >/dev/null
}

# ---------------------------------------------------------------- runc
bench_runc_bundle() {
  bench_need runc runc
  RUNC_DIR="$BENCH_TMP/runc"
  mkdir -p "$RUNC_DIR/state" "$RUNC_DIR/bundle"
  bench_busybox_rootfs "$RUNC_DIR/bundle/rootfs"
  (cd "$RUNC_DIR/bundle" && runc spec)
  # Not a terminal; the command true.
  sed -i -e 's/"terminal": true/"terminal": false/' -e 's/"sh"/"true"/' "$RUNC_DIR/bundle/config.json"
  bench_on_exit 'for c in $(runc --root "$RUNC_DIR/state" list -q); do runc --root "$RUNC_DIR/state" delete -f $c; done'
}

# ---------------------------------------------------------------- dockerd
# dockerd 20.10 started by hand, off the host network (no bridge, no
# iptables), on its own containerd, data root and sockets.
bench_start_dockerd() {
  bench_need docker.io dockerd
  DOCKER_DIR="$BENCH_TMP/d"
  mkdir -p "$DOCKER_DIR"/{data,exec,ctd,ctd-state,config}
  cat >"$DOCKER_DIR/containerd.toml" <<EOF
version = 2
root = "$DOCKER_DIR/ctd"
state = "$DOCKER_DIR/ctd-state"
disabled_plugins = ["io.containerd.grpc.v1.cri"]
[grpc]
  address = "$DOCKER_DIR/containerd.sock"
[ttrpc]
  address = "$DOCKER_DIR/containerd.sock.ttrpc"
[debug]
  address = ""
EOF
  containerd --config "$DOCKER_DIR/containerd.toml" >"$DOCKER_DIR/containerd.log" 2>&1 &
  CONTAINERD_PID=$!
  bench_on_exit 'kill $CONTAINERD_PID; wait $CONTAINERD_PID'
  bench_wait_for containerd test -S "$DOCKER_DIR/containerd.sock"
  dockerd --bridge=none --iptables=false --ip-masq=false \
    --containerd "$DOCKER_DIR/containerd.sock" \
    --data-root "$DOCKER_DIR/data" --exec-root "$DOCKER_DIR/exec" \
    --pidfile "$DOCKER_DIR/dockerd.pid" -H "unix://$DOCKER_DIR/docker.sock" \
    >"$DOCKER_DIR/dockerd.log" 2>&1 &
  DOCKERD_PID=$!
  bench_on_exit 'kill $DOCKERD_PID; wait $DOCKERD_PID'
  DOCKER=(env DOCKER_CONFIG="$DOCKER_DIR/config" docker -H "unix://$DOCKER_DIR/docker.sock")
  bench_wait_for dockerd "${DOCKER[@]}" info
  bench_on_exit 'ids=$("${DOCKER[@]}" ps -aq); [ -z "$ids" ] || "${DOCKER[@]}" rm -f $ids'
  "${DOCKER[@]}" load -i "$BUSYBOX_TAR" >/dev/null
  "${DOCKER[@]}" run --rm --network none busybox true >/dev/null
}

# ---------------------------------------------------------------- memory
bench_pss_kib() { # PID... -> the sum of their PSS in KiB (processes gone count 0)
  local pid total=0 kib
  for pid in "$@"; do
    kib=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null) || kib=0
    total=$((total + ${kib:-0}))
  done
  echo "$total"
}
bench_pids_matching() { # NAME PATTERN: PIDs whose comm is NAME and whose command line contains PATTERN
  local pid
  for pid in $(pgrep -x "$1"); do
    { tr '\0' ' ' <"/proc/$pid/cmdline"; } 2>/dev/null | grep -qF -- "$2" && echo "$pid"
  done
  return 0
}
# Jocker's processes: every process whose command line names this build's
# jars (the CLI, jockerd, shims, monitors, a waiting init) or one of the
# benchmark's Jocker state directories (a helper that is not a JVM). The
# containers' own processes (busybox sleep) name neither.
bench_jocker_pids() {
  local dir cmdline
  for dir in /proc/[0-9]*; do
    cmdline=$({ tr '\0' ' ' <"$dir/cmdline"; } 2>/dev/null) || continue
    case "$cmdline" in
      *"$repo/solutions/dist/target/lib"* | *"$repo/solutions/dist/target/jocker.jar"* | *"$BENCH_TMP/jocker"*) echo "${dir#/proc/}" ;;
    esac
  done
}
