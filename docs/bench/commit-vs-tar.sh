#!/usr/bin/env bash
# Chapter 4's benchmark: jocker commit (upper layer -> OCI layer tar with its
# SHA-256 -> unpacked layer) side by side with GNU tar doing the same two jobs
# on the same files: tar -c + sha256sum of the upper layer, and tar -x of that
# tar into a new directory. Both keep extended attributes (GNU tar with
# --xattrs, as a layer must: a file capability is one). Rounds alternate
# (tar, jocker, tar, jocker ...), each after a sync, with the page cache warm for both (round 0 warms it and
# is not counted); jocker's time is the whole command, its JVM's start
# included. Between rounds the image is removed (rmi), so that every commit
# unpacks its layer again. Prints min/median/max and the ratio
# jocker/GNU tar of the medians (below 1: jocker is faster).
# Run as root from the repository root after ./mvnw -B package -DskipTests:
#   bash docs/bench/commit-vs-tar.sh [FILES] [KIB_EACH] [ROUNDS]
# BENCH_DIR: where to work, /var/tmp unless set.
set -euo pipefail
files=${1:-2000}
kib=${2:-100}
rounds=${3:-5}
root=$(mktemp -d "${BENCH_DIR:-/var/tmp}/jocker-bench.XXXXXX")
trap './jocker --root "$root" rm -f bench >/dev/null 2>&1 || true; rm -rf "$root"' EXIT

./jocker --root "$root" run --name bench busybox sh -c \
  "mkdir /data; i=0; while [ \$i -lt $files ]; do head -c ${kib}k /dev/urandom > /data/f\$i; i=\$((i+1)); done"
id=$(ls "$root/containers")
upper="$root/containers/$id/upper"
echo "upper layer: $(du -sh "$upper" | cut -f1), $files files of $kib KiB; $(nproc) CPUs; $(uptime)"

ms() { echo $(( $(date +%s%N) / 1000000 )); }
tar_ms=() jocker_ms=()
for round in $(seq 0 "$rounds"); do
  rm -rf "$root/gnu.tar" "$root/gnu-unpacked"
  sync
  start=$(ms)
  tar --xattrs --xattrs-include='*' -C "$upper" -cf "$root/gnu.tar" . && sha256sum "$root/gnu.tar" >/dev/null
  mkdir "$root/gnu-unpacked" && tar --xattrs --xattrs-include='*' -C "$root/gnu-unpacked" -xf "$root/gnu.tar"
  t=$(( $(ms) - start ))

  sync
  start=$(ms)
  ./jocker --root "$root" commit bench bench-image >/dev/null
  j=$(( $(ms) - start ))
  ./jocker --root "$root" rmi bench-image >/dev/null
  [ -z "$(ls "$root/layers" | grep -v '^l$' | sed -n 2p)" ] || { echo "rmi left the layer behind" >&2; exit 1; }

  printf 'round %d%s: GNU tar %6d ms   jocker commit %6d ms\n' "$round" \
    "$([ "$round" = 0 ] && echo ' (warm-up)')" "$t" "$j"
  if [ "$round" -gt 0 ]; then tar_ms+=("$t"); jocker_ms+=("$j"); fi
done

stats() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {m = NR % 2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2;
  printf "min %6d  median %6d  max %6d ms", v[1], m, v[NR]}'; }
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {print NR % 2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
mb=$(du -sm "$upper" | cut -f1)
echo "$rounds rounds, $mb MB; $(uptime)"
echo "  GNU tar (tar -c + sha256sum + tar -x):   $(stats "${tar_ms[@]}")"
echo "  jocker commit (tar + sha256 + unpack):   $(stats "${jocker_ms[@]}")"
awk -v j="$(median "${jocker_ms[@]}")" -v t="$(median "${tar_ms[@]}")" -v mb="$mb" 'BEGIN {
  printf "  throughput: GNU tar %.0f MB/s, jocker %.0f MB/s; jocker/GNU tar time: %.2f\n", mb*1000/t, mb*1000/j, j/t}'
