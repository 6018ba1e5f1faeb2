#!/usr/bin/env bash
# The side-by-side run of issue 4's Performance section: raw TCP floor, libzmq 4.3 (C peers), JeroMQ and, once
# bin/ringmq exists, ringmq — each side pinned to its own core, alternating runs, medians, a Markdown table.
# Builds the C peers and the benchmarks jar first when they are missing. Every argument goes to SideBySide:
#   scripts/sidebyside.sh --roundtrips 20000 --messages 1000000 --runs 5 --out /tmp/table.md
#   scripts/sidebyside.sh --contender 'mine=/opt/mine/bin/perf {role} {endpoint} {size} {count}'
#   scripts/sidebyside.sh --list        # the contenders and their command templates
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cdir="$root/latency-bench/target/c"
jar="$root/latency-bench/target/benchmarks.jar"

if ! command -v taskset >/dev/null 2>&1; then
  echo "sidebyside: taskset not found (apt-get install -y util-linux), or pass --no-pin" >&2
fi
# The C peers are rebuilt when one is missing or any C source is newer (seconds of gcc; a stale peer would
# silently measure old code).
csrc="$root/latency-bench/src/main/c"
for p in zmq_local_lat zmq_remote_lat zmq_local_thr zmq_remote_thr raw_tcp_lat raw_tcp_thr; do
  if [ ! -x "$cdir/$p" ] || [ -n "$(find "$csrc" -newer "$cdir/$p" -name '*.[ch]' -print -quit)" ]; then
    echo "sidebyside: building the C peers (latency-bench/src/main/c/build.sh)..." >&2
    "$csrc/build.sh" "$cdir"
    break
  fi
done
if [ ! -f "$jar" ]; then
  echo "sidebyside: building the jars once (mvn -q package -DskipTests)..." >&2
  (cd "$root" && mvn -B -q -pl latency-bench -am package -DskipTests)
fi
exec java "@$root/jvm.options" -Dringmq.root="$root" -cp "$jar" io.ringmq.bench.sidebyside.SideBySide "$@"
