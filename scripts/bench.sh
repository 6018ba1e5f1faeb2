#!/usr/bin/env bash
# Until bin/ringmq bench exists: builds the benchmarks once if missing, then runs the ZMTP codec benchmark
# (frame encode and decode, ns/op and allocation per op). Extra arguments go to JMH, e.g. -p size=64.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
jar="$root/latency-bench/target/benchmarks.jar"
if [ ! -f "$jar" ]; then
  echo "ringmq: building the jars once (mvn -q package -DskipTests)..." >&2
  (cd "$root" && mvn -B -q package -DskipTests)
fi
exec java "@$root/jvm.options" -jar "$jar" FrameCodecBenchmark -prof gc "$@"
