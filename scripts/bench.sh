#!/usr/bin/env bash
# The JMH micro-benchmarks of the library's internals (bin/ringmq bench is the end-to-end tour, latency-bench's
# benchmarks.jar the benchmarks through the engine API). They live in the test sources of the module they measure,
# because they reach below the engine API that latency-bench is held to:
#   scripts/bench.sh                                 codecs' FrameCodecBenchmark -prof gc (encode/decode, ns/op, B/op)
#   scripts/bench.sh crypto SecretBoxBenchmark -prof gc
#   scripts/bench.sh rings RingSignalBenchmark
# Without a module the extra arguments go to JMH after FrameCodecBenchmark -prof gc, e.g. -p size=64; with one,
# all of them do. Compiles the module's tests and writes its test classpath each run; MVN replaces the Maven
# command (e.g. MVN="mvn -o -Dmaven.repo.local=/path/to/repository").
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
module=codecs
case "${1:-}" in
  codecs|crypto|rings) module="$1"; shift ;;
  *) set -- FrameCodecBenchmark -prof gc "$@" ;;
esac
target="$root/$module/target"
echo "ringmq: compiling $module's benchmarks (test-compile)..." >&2
(cd "$root" && ${MVN:-mvn} -B -q -pl "$module" -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/jmh.classpath)
exec java "@$root/jvm.options" -cp "$target/test-classes:$target/classes:$(cat "$target/jmh.classpath")" \
  org.openjdk.jmh.Main "$@"
