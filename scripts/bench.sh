#!/usr/bin/env bash
# The ZMTP codec micro-benchmark (bin/ringmq bench is the end-to-end tour): builds the benchmarks once if missing,
# then runs FrameCodecBenchmark (frame encode and decode, ns/op and B/op). Extra arguments go to JMH, e.g. -p size=64.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
jar="$root/latency-bench/target/benchmarks.jar"
if [ ! -f "$jar" ]; then
  echo "ringmq: building the jars once (mvn -q package -DskipTests)..." >&2
  (cd "$root" && mvn -B -q package -DskipTests)
fi
exec java "@$root/jvm.options" -jar "$jar" FrameCodecBenchmark -prof gc "$@"
