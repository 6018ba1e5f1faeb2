#!/usr/bin/env bash
# Builds the side-by-side C peers (libzmq perf protocol + the raw TCP floor) into latency-bench/target/c/.
# Usage: latency-bench/src/main/c/build.sh [out-dir]    (CC and CFLAGS may be overridden from the environment)
set -euo pipefail
src="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$src/../../../target/c}"
cc="${CC:-gcc}"
cflags="${CFLAGS:--O2 -Wall -Wextra -Wno-unused-function}"

if ! command -v "$cc" >/dev/null 2>&1; then
  echo "build.sh: C compiler '$cc' not found; install it with: apt-get install -y gcc" >&2
  exit 1
fi
if ! echo '#include <zmq.h>' | "$cc" -E -x c - >/dev/null 2>&1; then
  echo "build.sh: zmq.h not found (libzmq headers); install them with: apt-get install -y libzmq3-dev" >&2
  exit 1
fi

mkdir -p "$out"
out="$(cd "$out" && pwd)"
for p in zmq_local_lat zmq_remote_lat zmq_local_thr zmq_remote_thr zmq_curve_handshakes; do
  "$cc" $cflags -o "$out/$p" "$src/$p.c" -lzmq
done
for p in raw_tcp_lat raw_tcp_thr; do
  "$cc" $cflags -o "$out/$p" "$src/$p.c"
done
echo "build.sh: C peers in $out" >&2
