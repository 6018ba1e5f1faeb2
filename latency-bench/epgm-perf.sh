#!/usr/bin/env bash
# epgm rate and latency, ringmq -> ringmq and libzmq -> libzmq, one run in two namespaces joined by a veth
# (scripts/epgm-netns.sh), 64-byte messages, RATE equal on both sides:
#   1. for each offered message rate, whether every message arrived (no unrecovered loss);
#   2. latency percentiles (send -> receive, CLOCK_MONOTONIC, microseconds) at one fixed rate, at 0% and 5% drop.
# Needs root, iproute2, nftables, python3-zmq, and the engine's test classes built (mvn install -DskipTests).
#
#   latency-bench/epgm-perf.sh [--rate KBITS] [--count N] [--rates "R1 R2 ..."] [--fixed MSGS_PER_S]
#
# Prints a markdown table on stdout (EPGM.md holds one run's).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rate=200000
count=50000
rates="5000 20000 50000 100000 200000"
fixed=5000
while [ $# -gt 0 ]; do
  case "$1" in
    --rate) rate="$2"; shift 2 ;;
    --count) count="$2"; shift 2 ;;
    --rates) rates="$2"; shift 2 ;;
    --fixed) fixed="$2"; shift 2 ;;
    *) echo "usage: $0 [--rate KBITS] [--count N] [--rates LIST] [--fixed MSGS_PER_S]" >&2; exit 2 ;;
  esac
done
export MAVEN_OPTS="${MAVEN_OPTS:-}"
cp="$root/engine/target/test-classes:$root/engine/target/classes:$(cd "$root" && mvn -B -q -o \
  dependency:build-classpath -pl engine -Dmdep.outputFile=/dev/stdout 2>/dev/null)"
java_args=(@"$root/jvm.options" -cp "$cp" io.ringmq.engine.EpgmPerfPeer)

# one run: $1 = ringmq|libzmq, $2 = drop %, $3 = msgs/s; prints the receiver's "perf ..." line
one() {
  local impl="$1" drop="$2" per="$3" a b out
  coproc NET { "$root/scripts/epgm-netns.sh" --drop "$drop" hold; }
  read -r _ a b <&"${NET[0]}"
  local ep_a="epgm://10.251.0.1;239.192.1.1:5555" ep_b="epgm://10.251.0.2;239.192.1.1:5555"
  local timeout=$(( count / per + 15 ))
  if [ "$impl" = ringmq ]; then
    ip netns exec "$b" java "${java_args[@]}" perfsub "$ep_b" "$rate" "$count" "$timeout" > /tmp/epgm-perf-sub.$$ &
  else
    ip netns exec "$b" /usr/bin/python3 -u "$root/test-peers/epgm_peer.py" perfsub "$ep_b" "$rate" "$count" \
      "$timeout" > /tmp/epgm-perf-sub.$$ &
  fi
  local sub=$!
  sleep 1.5
  if [ "$impl" = ringmq ]; then
    ip netns exec "$a" java "${java_args[@]}" perfpub "$ep_a" "$rate" "$count" "$per" > /dev/null &
  else
    ip netns exec "$a" /usr/bin/python3 -u "$root/test-peers/epgm_peer.py" perfpub "$ep_a" "$rate" "$count" \
      "$per" > /dev/null &
  fi
  local pub=$!
  wait "$sub" || true
  kill "$pub" 2>/dev/null || true
  wait "$pub" 2>/dev/null || true
  out="$(grep '^perf' /tmp/epgm-perf-sub.$$ || echo "perf no result")"
  rm -f /tmp/epgm-perf-sub.$$
  exec {NET[1]}>&-
  wait "$NET_PID" 2>/dev/null || true
  echo "$out"
}

echo "RATE $rate kbit/s on both sides, $count messages of 64 B per run."
echo
echo "| pair | offered msg/s | drop | received | lost | p50 us | p99 us | p99.9 us | max us |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
row() {
  local impl="$1" drop="$2" per="$3" line
  line="$(one "$impl" "$drop" "$per")"
  # perf received N lost L disorder D p50 X p99 Y p999 Z max W
  set -- $line
  echo "| $impl -> $impl | $per | $drop% | ${3:-?} | ${5:-?} | ${9:-?} | ${11:-?} | ${13:-?} | ${15:-?} |"
}
for impl in ringmq libzmq; do
  for per in $rates; do
    row "$impl" 0 "$per"
  done
  row "$impl" 5 "$fixed"
done
