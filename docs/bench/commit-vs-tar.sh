#!/usr/bin/env bash
# Chapter 4's benchmark: jocker commit (upper layer -> OCI layer tar -> unpacked
# layer) side by side with GNU tar doing the same two jobs on the same files:
# tar + sha256sum of the upper layer, and tar -x of that tar into a new directory.
# Run as root from the repository root after ./mvnw -B package -DskipTests:
#   bash docs/bench/commit-vs-tar.sh [FILES] [KIB_EACH]
set -euo pipefail
files=${1:-2000}
kib=${2:-100}
root=$(mktemp -d /var/tmp/jocker-bench.XXXXXX)
trap './jocker --root "$root" rm -f bench >/dev/null 2>&1 || true; rm -rf "$root"' EXIT

./jocker --root "$root" run --name bench busybox sh -c \
  "mkdir /data; i=0; while [ \$i -lt $files ]; do head -c ${kib}k /dev/urandom > /data/f\$i; i=\$((i+1)); done"
id=$(ls "$root/containers")
upper="$root/containers/$id/upper"
echo "upper layer: $(du -sh "$upper" | cut -f1), $files files of $kib KiB"

sync; echo 3 > /proc/sys/vm/drop_caches
start=$(date +%s.%N)
./jocker --root "$root" commit bench bench-image >/dev/null
end=$(date +%s.%N)
printf 'jocker commit (tar + sha256 + unpack):      %6.2f s\n' "$(awk "BEGIN{print $end - $start}")"

sync; echo 3 > /proc/sys/vm/drop_caches
start=$(date +%s.%N)
tar -C "$upper" -cf "$root/gnu.tar" . && sha256sum "$root/gnu.tar" >/dev/null
mkdir "$root/gnu-unpacked" && tar -C "$root/gnu-unpacked" -xf "$root/gnu.tar"
end=$(date +%s.%N)
printf 'GNU tar (tar -c + sha256sum + tar -x):      %6.2f s\n' "$(awk "BEGIN{print $end - $start}")"
