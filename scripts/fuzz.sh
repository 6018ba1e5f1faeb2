#!/usr/bin/env bash
# The fuzzing campaign: each Jazzer target (@FuzzTest) fuzzed in a JVM of its own, since Jazzer fuzzes one target
# per JVM, for a bounded time; one summary line per target with its execution count.
#
#   scripts/fuzz.sh                        CI: FUZZ_SECONDS=3 a target, the whole campaign under 3 minutes on 2 cores
#   FUZZ_SECONDS=600 scripts/fuzz.sh       a long run: 10 minutes a target (any duration)
#   scripts/fuzz.sh StreamEngineFuzz       only the targets whose Class#method contains the argument; one target:
#                                          FUZZ_SECONDS=3600 scripts/fuzz.sh StreamEngineFuzz#bindCurve
#
# FUZZ_SECONDS is libFuzzer's -max_total_time, which stops at the first check after that many whole seconds: a
# target fuzzes about FUZZ_SECONDS + 1 s, after ~3-5 s of JVM start, Jazzer's agent and the seeds' replay.
# Short runs (FUZZ_SECONDS <= 10) use C1 only (-XX:TieredStopAtLevel=1): measured on this 2-core machine, a target
# starts ~1-1.8 s sooner and executes ~25% fewer inputs in its 4 s (StreamEngineFuzz#bindCurve: 28,000 against
# 37,000), a saving of ~25 s over the campaign; longer runs keep C2, whose throughput wins after a few seconds.
# Exit status: 0 if every target ran and found nothing, 1 otherwise (a finding, a hang past FUZZ_SECONDS + 300 s, a
# target that did not run).
#
# `mvn verify` replays only the committed seeds (Jazzer's regression mode); this script is the fuzzing mode
# (JAZZER_FUZZ=1). A finding fails its target: Jazzer writes the input to the target's
# src/test/resources/<package>/<Class>Inputs/<method>/ directory, where every later `mvn verify` replays it as a
# regression test, and prints how to reproduce it. The corpus a run grows lands in <module>/.cifuzz-corpus/ (not
# committed: regenerate the committed seeds with test-peers/fuzz_corpus.py; the engine targets' fuzzer-* seeds are
# six entries, spread by size, of the corpus three 4 s runs of this script grew, not generated).
#
# No Maven run per target (Maven's start was a third of each target's time): one `mvn test-compile
# dependency:build-classpath` over the reactor compiles everything and writes each module's test classpath (its
# sibling modules as their target/classes, never the jars in ~/.m2); each target is then one `java` in its module's
# directory, as surefire would run it (jvm.options, ringmq.root, the module as working directory, where Jazzer looks
# for src/test/resources and .cifuzz-corpus), with scripts/FuzzLauncher.java as main: a few lines on the JUnit
# Platform launcher API, which is already on the test classpath (jazzer-junit depends on junit-platform-launcher),
# so no dependency is added. A heap cap leaves the machine usable.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

seconds=${FUZZ_SECONDS:-3}
filter=${1:-}

# module  [subpackage.]Class#method (in package io.ringmq.<module>)
targets=(
  "codecs Z85Fuzz#decodeRefusesOrRoundTrips"
  "codecs FrameDecoderFuzz#anySplitYieldsTheSameFrames"
  "codecs GreetingDecoderFuzz#anySplitYieldsTheSameGreeting"
  "codecs CommandDecoderFuzz#readsOnlyWithinTheFrame"
  "crypto PlainMechanismFuzz#server"
  "crypto PlainMechanismFuzz#client"
  "crypto CurveMechanismFuzz#server"
  "crypto CurveMechanismFuzz#client"
  "transports zmtp.StreamEngineFuzz#bindNull"
  "transports zmtp.StreamEngineFuzz#connectNull"
  "transports zmtp.StreamEngineFuzz#bindPlain"
  "transports zmtp.StreamEngineFuzz#connectPlain"
  "transports zmtp.StreamEngineFuzz#bindCurve"
  "transports zmtp.StreamEngineFuzz#connectCurve"
  "transports channels.EndpointFuzz#bind"
  "transports channels.EndpointFuzz#connect"
  "engine SocketOptionsFuzz#setOptionThrowsOnlyWhatItDocuments"
  "engine SubscriptionTrieFuzz#referenceCountedMatchesAMap"
  "engine SubscriptionTrieFuzz#perSubscriberMatchesAMap"
)

# The list above must name every @FuzzTest method in the modules' tests, no more and no fewer: a target moved to
# another package once ran 0 executions here while `mvn verify` stayed green.
declared=$(for file in $(grep -rl '@FuzzTest' --include='*.java' ./*/src/test/java); do
  module=${file#./}; module=${module%%/*}
  class=${file#*/src/test/java/io/ringmq/$module/}; class=${class%.java}; class=${class//\//.}
  awk '/@FuzzTest/ { pending = 1; next }
       pending && match($0, /void [A-Za-z0-9_]+\(/) { print substr($0, RSTART + 5, RLENGTH - 6); pending = 0 }' "$file" |
    while read -r method; do echo "$module $class#$method"; done
done | sort)
listed=$(printf '%s\n' "${targets[@]}" | sort)
if [ "$declared" != "$listed" ]; then
  echo "scripts/fuzz.sh: its target list and the @FuzzTest methods differ (< declared in the tests, > listed here):" >&2
  diff <(echo "$declared") <(echo "$listed") | grep '^[<>]' >&2
  exit 1
fi

logs=$root/target/fuzz
mkdir -p "$logs"
start=$SECONDS
# Compile once and write each module's test classpath (relative to the module: <module>/target/fuzz.classpath).
if ! mvn -B -q test-compile dependency:build-classpath -pl codecs,crypto,rings,transports,engine \
  -Dmdep.outputFile=target/fuzz.classpath -Dmdep.includeScope=test >"$logs/compile.log" 2>&1; then
  echo "scripts/fuzz.sh: test-compile failed, see $logs/compile.log" >&2
  exit 1
fi
# The launcher, as a jar: Jazzer instruments the classes of the classpath's directories, not of its jars.
launcher=$logs/fuzz-launcher.jar
rm -rf "$logs/launcher"
if ! { javac -d "$logs/launcher" -cp "$(cat codecs/target/fuzz.classpath)" scripts/FuzzLauncher.java &&
  jar cf "$launcher" -C "$logs/launcher" .; } >"$logs/launcher.log" 2>&1; then
  echo "scripts/fuzz.sh: scripts/FuzzLauncher.java did not compile, see $logs/launcher.log" >&2
  exit 1
fi

jit=()
if [ "$seconds" -le 10 ]; then
  jit=(-XX:TieredStopAtLevel=1)
fi

failed=0
total_runs=0
printf '%-62s %12s %8s %s\n' target executions seconds result
for entry in "${targets[@]}"; do
  module=${entry%% *}
  target=${entry#* }
  if [ -n "$filter" ] && [[ $target != *"$filter"* ]]; then
    continue
  fi
  log=$logs/${target//#/.}.log
  began=$SECONDS
  (
    cd "$module" &&
      JAZZER_FUZZ=1 exec timeout -k 10 $((seconds + 300)) java "@$root/jvm.options" -Xmx768m ${jit[@]+"${jit[@]}"} -Dringmq.root="$root" \
        -cp "target/test-classes:target/classes:$(cat target/fuzz.classpath):$launcher" \
        -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1="-max_total_time=$seconds" \
        FuzzLauncher "io.ringmq.$module.$target"
  ) >"$log" 2>&1
  status=$?
  # libFuzzer's last word: "Done <n> runs in <s> second(s)"; after a finding, its last "#<n>" status line.
  runs=$(grep -o '^Done [0-9]* runs' "$log" | tail -1 | grep -o '[0-9]*')
  runs=${runs:-$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#')}
  runs=${runs:-0}
  if [ $status -eq 0 ] && [ "$runs" -gt 0 ]; then
    result=ok
  elif [ $status -eq 124 ] || [ $status -eq 137 ]; then
    result="FAILED: timed out (see $log)"
    failed=$((failed + 1))
  else
    result="FAILED (see $log)"
    failed=$((failed + 1))
  fi
  total_runs=$((total_runs + runs))
  printf '%-62s %12s %8s %s\n' "$module/$target" "$runs" $((SECONDS - began)) "$result"
done
echo "fuzz: $total_runs executions in $((SECONDS - start)) s, $failed target(s) failed, ${seconds}s of fuzzing a target"
[ $failed -eq 0 ]
