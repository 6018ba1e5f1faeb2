#!/usr/bin/env bash
# The fuzzing campaign: each Jazzer target (@FuzzTest) fuzzed in its own surefire run, since Jazzer fuzzes one
# target per JVM, for a bounded time; one summary line per target with its execution count.
#
#   scripts/fuzz.sh                        CI: FUZZ_SECONDS=3 a target, the whole campaign under 3 minutes on 2 cores
#   FUZZ_SECONDS=600 scripts/fuzz.sh       a long run: 10 minutes a target (any duration; one target: add its name,
#                                          e.g. FUZZ_SECONDS=3600 scripts/fuzz.sh StreamEngineFuzz#bindCurve)
#
# `mvn verify` replays only the committed seeds (Jazzer's regression mode); this script is the fuzzing mode
# (JAZZER_FUZZ=1). A finding fails its target: Jazzer writes the input to the target's
# src/test/resources/<package>/<Class>Inputs/<method>/ directory, where every later `mvn verify` replays it as a
# regression test, and prints how to reproduce it. The corpus a run grows lands in <module>/.cifuzz-corpus/ (not
# committed: regenerate the committed seeds with test-peers/fuzz_corpus.py).
#
# Jazzer attaches its agent itself at the first @FuzzTest (jazzer-junit, on JDK 17 with no flag needed); surefire's
# JVM flags come from jvm.options as for every test, with a heap cap added so two cores' worth of fuzzing leaves
# the machine usable.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

seconds=${FUZZ_SECONDS:-3}
filter=${1:-}

# module  Class#method
targets=(
  "codecs Z85Fuzz#decodeRefusesOrRoundTrips"
  "codecs FrameDecoderFuzz#anySplitYieldsTheSameFrames"
  "codecs GreetingDecoderFuzz#anySplitYieldsTheSameGreeting"
  "codecs CommandDecoderFuzz#readsOnlyWithinTheFrame"
  "crypto PlainMechanismFuzz#server"
  "crypto PlainMechanismFuzz#client"
  "crypto CurveMechanismFuzz#server"
  "crypto CurveMechanismFuzz#client"
  "transports StreamEngineFuzz#bindNull"
  "transports StreamEngineFuzz#connectNull"
  "transports StreamEngineFuzz#bindPlain"
  "transports StreamEngineFuzz#connectPlain"
  "transports StreamEngineFuzz#bindCurve"
  "transports StreamEngineFuzz#connectCurve"
  "transports EndpointFuzz#bind"
  "transports EndpointFuzz#connect"
  "engine SocketOptionsFuzz#setOptionThrowsOnlyWhatItDocuments"
  "engine SubscriptionTrieFuzz#referenceCountedMatchesAMap"
  "engine SubscriptionTrieFuzz#perSubscriberMatchesAMap"
)

# The modules a target's module is built from, in reactor order: built, not taken from ~/.m2.
upstream() {
  case $1 in
    codecs) echo codecs ;;
    crypto) echo codecs,crypto ;;
    transports) echo codecs,crypto,rings,transports ;;
    engine) echo codecs,crypto,rings,transports,engine ;;
  esac
}

logs=$root/target/fuzz
mkdir -p "$logs"
# Compile once, so that each target's run below is only its own fuzzing.
if ! mvn -B -q -o test-compile -pl codecs,crypto,rings,transports,engine >"$logs/compile.log" 2>&1; then
  echo "scripts/fuzz.sh: test-compile failed, see $logs/compile.log" >&2
  exit 1
fi

failed=0
total_runs=0
start=$SECONDS
printf '%-62s %12s %8s %s\n' target executions seconds result
for entry in "${targets[@]}"; do
  module=${entry%% *}
  target=${entry#* }
  if [ -n "$filter" ] && [[ $target != *"$filter"* ]]; then
    continue
  fi
  log=$logs/${target//#/.}.log
  began=$SECONDS
  JAZZER_FUZZ=1 mvn -B -o test -pl "$(upstream "$module")" \
    -Dtest="$target" -Dsurefire.failIfNoSpecifiedTests=false \
    "-Dringmq.jvm.options=@$root/jvm.options -Xmx768m" \
    -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1="-max_total_time=$seconds" >"$log" 2>&1
  status=$?
  # libFuzzer's last word: "Done <n> runs in <s> second(s)".
  runs=$(grep -o 'Done [0-9]* runs' "$log" | tail -1 | grep -o '[0-9]*')
  runs=${runs:-0}
  if [ $status -eq 0 ] && [ "$runs" -gt 0 ]; then
    result=ok
  else
    result="FAILED (see $log)"
    failed=$((failed + 1))
  fi
  total_runs=$((total_runs + runs))
  printf '%-62s %12s %8s %s\n' "$module/$target" "$runs" $((SECONDS - began)) "$result"
done
echo "fuzz: $total_runs executions in $((SECONDS - start)) s, $failed target(s) failed, ${seconds}s of fuzzing a target"
[ $failed -eq 0 ]
