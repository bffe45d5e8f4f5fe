#!/usr/bin/env bash
# Chapter 5's benchmark: a gzip layer of many files of mixed sizes unpacked by
# GNU tar -xzf and by Jocker's LayerImport (digest checks, gunzip in a thread,
# size limit, diff ID, files with owners, modes, times), alternating rounds
# into fresh directories of the same file system (UnpackBench.java).
# Run as root from the repository root after ./mvnw -B package -DskipTests
# (BENCH_DIR: where to work, /var/tmp unless set):
#   bash docs/bench/unpack-vs-tar.sh [FILES] [MB] [ROUNDS]
set -euo pipefail
files=${1:-20000}
mb=${2:-200}
rounds=${3:-5}
work=$(mktemp -d "${BENCH_DIR:-/var/tmp}/jocker-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

# The layer's files: sizes mostly small, a few large (as in a distribution's
# /usr); contents half words (compress well), half random (do not), so the
# gzip is about half the size, like real layers.
python3 - "$work/tree" "$files" "$mb" <<'PY'
import os, random, sys
root, files, mb = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rnd = random.Random(5)
sizes = [rnd.randint(0, 16384) if rnd.random() < 0.9 else rnd.randint(16384, 1 << 20) for _ in range(files)]
scale = mb * 1e6 / sum(sizes)
words = [bytes(rnd.choice(b"abcdefghijklmnopqrstuvwxyz") for _ in range(rnd.randint(2, 9))) for _ in range(4096)]
for i, size in enumerate(sizes):
    size = int(size * scale)
    d = os.path.join(root, "d%03d" % (i % 100), "e%02d" % (i // 100 % 10))
    os.makedirs(d, exist_ok=True)
    text = b" ".join(rnd.choices(words, k=size // 10 + 1))[: size // 2]
    with open(os.path.join(d, "f%05d" % i), "wb") as f:
        f.write(text + rnd.randbytes(size - len(text)))
    os.chmod(os.path.join(d, "f%05d" % i), 0o755 if i % 7 == 0 else 0o644)
PY
tar -C "$work/tree" -cf "$work/layer.tar" .
bytes=$(stat -c %s "$work/layer.tar")
diff_id="sha256:$(sha256sum "$work/layer.tar" | cut -d' ' -f1)"
gzip -6 < "$work/layer.tar" > "$work/layer.tar.gz"
rm -rf "$work/tree" "$work/layer.tar"
echo "layer: $files files, $bytes bytes, $(stat -c %s "$work/layer.tar.gz") bytes gzip; $(nproc) CPUs; $(uptime)"

java -XX:+UseSerialGC -cp "solutions/dist/target/lib/*" docs/bench/UnpackBench.java \
  "$work/layer.tar.gz" "$diff_id" "$work" "$rounds" "$bytes"
echo "after: $(uptime)"
