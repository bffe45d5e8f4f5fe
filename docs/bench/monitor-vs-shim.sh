#!/bin/sh
# The detached life cycle and the memory of a running container, two Jocker
# builds side by side: OLD (a shim JVM per container) and NEW (one monitor
# per state directory), interleaved so that the machine's load hits both.
#
#   docs/bench/monitor-vs-shim.sh OLD_CHECKOUT NEW_CHECKOUT [ROUNDS] [CONTAINERS]
#
# Prints min/median/max in ms of `run -d busybox sleep 100`, `stop -t 1`,
# `rm`, and the memory per container: (PSS of every process of the build's
# state directory with CONTAINERS detached `sleep 1000` running - with none)
# / CONTAINERS, from /proc/PID/smaps_rollup. Runs as root; each build gets
# its own --root under /tmp, removed at the end.
set -eu
old=$1 new=$2 rounds=${3:-10} n=${4:-10}
work=$(mktemp -d /tmp/monitor-bench.XXXXXX)
cleanup() {
  for b in old new; do
    for id in $("$(eval echo \$$b)/jocker" --root "$work/$b" ps -a -q 2>/dev/null); do
      "$(eval echo \$$b)/jocker" --root "$work/$b" rm -f "$id" >/dev/null 2>&1 || true
    done
  done
  sleep 3 # the monitor's idle exit
  rm -rf "$work"
}
trap cleanup EXIT
ms() { date +%s%N | cut -c1-13; }
stats() { sort -n | awk '{a[NR]=$1} END {printf "min %5d  median %5d  max %5d", a[1], a[int((NR+1)/2)], a[NR]}'; }
for b in old new; do : > "$work/$b.run"; : > "$work/$b.stop"; : > "$work/$b.rm"; done
echo "load: $(uptime)"
for i in $(seq "$rounds"); do
  for b in old new; do
    j="$(eval echo \$$b)/jocker --root $work/$b"
    t0=$(ms); id=$($j run -d busybox sleep 100); t1=$(ms)
    $j stop -t 1 "$id" >/dev/null; t2=$(ms)
    $j rm "$id" >/dev/null; t3=$(ms)
    echo $((t1 - t0)) >> "$work/$b.run"; echo $((t2 - t1)) >> "$work/$b.stop"; echo $((t3 - t2)) >> "$work/$b.rm"
  done
done
for op in run stop rm; do
  for b in old new; do printf '%-4s %-4s %s\n' "$op" "$b" "$(stats < "$work/$b.$op")"; done
done
# Memory: the processes whose command line names the state directory (shims, or the monitor).
pss() {
  total=0
  for p in /proc/[0-9]*; do
    if tr '\0' ' ' 2>/dev/null < "$p/cmdline" | grep -q -- "$1"; then
      kb=$(awk '/^Pss:/ {print $2}' "$p/smaps_rollup" 2>/dev/null || echo 0)
      total=$((total + ${kb:-0}))
    fi
  done
  echo "$total"
}
for b in old new; do
  j="$(eval echo \$$b)/jocker --root $work/$b"
  sleep 3 # the monitor's idle exit
  none=$(pss "$work/$b ")
  for i in $(seq "$n"); do $j run -d busybox sleep 1000 >/dev/null; done
  sleep 2
  with=$(pss "$work/$b ")
  echo "memory $b: $(( (with - none) / n / 1024 )) MiB per container (PSS ${none} kB with none, ${with} kB with $n)"
  for id in $($j ps -q); do $j rm -f "$id" >/dev/null; done
done
echo "load: $(uptime)"
