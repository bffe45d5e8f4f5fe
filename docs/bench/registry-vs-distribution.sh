#!/usr/bin/env bash
# Chapter 7's benchmark: skopeo copies one image of about 200 MB into and out
# of the Jocker registry (jocker registry serve, in a JVM of -Xmx64m) and into
# and out of distribution 2.8 (Debian's docker-registry), both on loopback, in
# alternating rounds. Each round starts both registries on empty storage, so
# that every push uploads every blob (a registry that already has a blob is
# only asked HEAD), and pulls into an empty OCI layout.
#
# The image: LAYERS layers of random bytes, which gzip cannot shrink, so that
# the bytes on the wire are the bytes on disk; written as an OCI layout by the
# Python below (no tool needed beyond python3 and gzip).
#
# Prints each copy's seconds and MB/s, the median of the rounds, the ratio
# Jocker/distribution (below 1: Jocker is faster), and the Jocker registry's
# peak resident memory (VmHWM) and the largest heap the GC saw in use.
#
# Run as root or not, from the repository root, after
#   ./mvnw -B package -DskipTests
# with skopeo and docker-registry installed (Debian packages of those names):
#   bash docs/bench/registry-vs-distribution.sh [MB] [ROUNDS] [LAYERS]
# BENCH_DIR: where to work, /var/tmp unless set. Ports: two free ones found
# by the script on 127.0.0.1.
set -euo pipefail
mb=${1:-200}
rounds=${2:-3}
layers=${3:-4}
for tool in skopeo docker-registry python3 gzip; do
  command -v "$tool" >/dev/null || { echo "registry-vs-distribution: $tool is not installed" >&2; exit 2; }
done
[ -x ./jocker ] && [ -f solutions/dist/target/jocker.jar ] \
  || { echo "registry-vs-distribution: run from the repository root after ./mvnw -B package -DskipTests" >&2; exit 2; }

work=$(mktemp -d "${BENCH_DIR:-/var/tmp}/jocker-registry-bench.XXXXXX")
pids=()
stop_all() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  pids=()
}
trap 'stop_all; rm -rf "$work"' EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# The image, as an OCI layout in $work/image, tag "bench".
python3 - "$work/image" "$mb" "$layers" <<'PY'
import gzip, hashlib, io, json, os, sys, tarfile
root, mb, layers = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
blobs = os.path.join(root, "blobs", "sha256")
os.makedirs(blobs)

def put(data):
    digest = hashlib.sha256(data).hexdigest()
    with open(os.path.join(blobs, digest), "wb") as f:
        f.write(data)
    return {"digest": "sha256:" + digest, "size": len(data)}

layer_descs, diff_ids = [], []
for i in range(layers):
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w") as tar:
        payload = os.urandom(mb * 1000 * 1000 // layers)
        info = tarfile.TarInfo("data/layer%d.bin" % i)
        info.size, info.mode, info.mtime = len(payload), 0o644, 0
        tar.addfile(info, io.BytesIO(payload))
    diff_ids.append("sha256:" + hashlib.sha256(raw.getvalue()).hexdigest())
    desc = put(gzip.compress(raw.getvalue(), compresslevel=1, mtime=0))
    desc["mediaType"] = "application/vnd.oci.image.layer.v1.tar+gzip"
    layer_descs.append(desc)
config = {"architecture": "amd64", "os": "linux", "config": {"Cmd": ["/bin/sh"]},
          "rootfs": {"type": "layers", "diff_ids": diff_ids}}
config_desc = put(json.dumps(config).encode())
config_desc["mediaType"] = "application/vnd.oci.image.config.v1+json"
manifest = {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "config": config_desc, "layers": layer_descs}
manifest_desc = put(json.dumps(manifest).encode())
manifest_desc["mediaType"] = "application/vnd.oci.image.manifest.v1+json"
manifest_desc["annotations"] = {"org.opencontainers.image.ref.name": "bench"}
with open(os.path.join(root, "index.json"), "w") as f:
    json.dump({"schemaVersion": 2, "manifests": [manifest_desc]}, f)
with open(os.path.join(root, "oci-layout"), "w") as f:
    json.dump({"imageLayoutVersion": "1.0.0"}, f)
PY
bytes=$(du -sb "$work/image/blobs" | cut -f1)
echo "image: $layers layers, $bytes bytes of blobs; $(nproc) CPUs; $(skopeo --version);" \
  "$(docker-registry --version | awk '{print $2, $3}'); $(java -version 2>&1 | head -1)"

wait_for() { # URL: until /v2/ answers, at most 30 s
  for _ in $(seq 300); do
    curl -s -o /dev/null "$1" && return 0
    sleep 0.1
  done
  echo "registry-vs-distribution: nothing answers at $1" >&2
  exit 1
}

start_jocker() { # ROOT PORT
  JOCKER_JAVA_OPTS="-XX:TieredStopAtLevel=4 -Xmx64m -Xlog:gc:file=$work/gc-$2.log" \
    ./jocker registry serve --addr "127.0.0.1:$2" --root "$1" >"$work/jocker-$2.log" 2>&1 &
  pids+=($!)
  jocker_pid=$!
  wait_for "http://127.0.0.1:$2/v2/"
}

start_distribution() { # ROOT PORT
  cat > "$work/config-$2.yml" <<EOF
version: 0.1
log:
  level: error
storage:
  filesystem:
    rootdirectory: $1
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$2
EOF
  docker-registry serve "$work/config-$2.yml" >"$work/distribution-$2.log" 2>&1 &
  pids+=($!)
  wait_for "http://127.0.0.1:$2/v2/"
}

seconds() { # COMMAND...: runs it, prints the seconds it took
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null
  end=$(date +%s.%N)
  awk "BEGIN{printf \"%.2f\", $end - $start}"
}

push() { seconds skopeo copy --quiet --dest-tls-verify=false "oci:$work/image:bench" "docker://$1/bench/image:1"; }
pull() {
  rm -rf "$work/pulled"
  seconds skopeo copy --quiet --src-tls-verify=false "docker://$1/bench/image:1" "oci:$work/pulled:bench"
}

declare -A times
peak_rss=0
peak_heap=0
for round in $(seq "$rounds"); do
  for registry in jocker distribution; do
    # Alternate who goes first, so that neither always meets a warm or a cold page cache.
    if [ $((round % 2)) -eq 0 ]; then registry=$([ "$registry" = jocker ] && echo distribution || echo jocker); fi
    port=$(free_port)
    rm -rf "$work/storage"
    mkdir "$work/storage"
    if [ "$registry" = jocker ]; then start_jocker "$work/storage" "$port"; else start_distribution "$work/storage" "$port"; fi
    times[$registry-push]+="$(push "127.0.0.1:$port") "
    times[$registry-pull]+="$(pull "127.0.0.1:$port") "
    if [ "$registry" = jocker ]; then
      rss=$(awk '/VmHWM/ {print $2}' "/proc/$jocker_pid/status")
      [ "$rss" -gt "$peak_rss" ] && peak_rss=$rss
      heap=$(grep -o '[0-9]*M->' "$work/gc-$port.log" | sed 's/M->//' | sort -n | tail -1 || true)
      [ -n "$heap" ] && [ "$heap" -gt "$peak_heap" ] && peak_heap=$heap
    fi
    stop_all
  done
  echo "round $round: jocker push $(echo ${times[jocker-push]} | awk '{print $NF}') s," \
    "pull $(echo ${times[jocker-pull]} | awk '{print $NF}') s;" \
    "distribution push $(echo ${times[distribution-push]} | awk '{print $NF}') s," \
    "pull $(echo ${times[distribution-pull]} | awk '{print $NF}') s"
done

median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
printf '\n%-14s %-6s %8s %8s %8s %9s\n' registry copy min median max 'MB/s'
for registry in jocker distribution; do
  for way in push pull; do
    list=${times[$registry-$way]}
    med=$(echo "$list" | median)
    printf '%-14s %-6s %8s %8s %8s %9.0f\n' "$registry" "$way" "$(echo "$list" | tr ' ' '\n' | grep . | sort -n | head -1)" \
      "$med" "$(echo "$list" | tr ' ' '\n' | grep . | sort -n | tail -1)" "$(awk "BEGIN{print $bytes / 1e6 / $med}")"
  done
done
for way in push pull; do
  j=$(echo "${times[jocker-$way]}" | median)
  d=$(echo "${times[distribution-$way]}" | median)
  printf 'Jocker/distribution, %s: %.2f\n' "$way" "$(awk "BEGIN{print $j / $d}")"
done
echo "Jocker registry: peak RSS $((peak_rss / 1024)) MB, largest heap in use before a GC ${peak_heap} MB (-Xmx64m)"
