#!/bin/bash
# Throughput of several ringmq builds, interleaved round by round so that drift hits all alike: tcp PUSH->PULL,
# libzmq's protocol (local_thr on CPU 0, remote_thr on CPU 1, timed from the first message), I/O thread + block.
# Each argument is a RINGMQ_HOME (a clone built with mvn package) or any directory holding a bin/ringmq wrapper.
#   scripts/thr-interleaved.sh 64 2000000 5 /tmp/before "$PWD"
# RINGMQ_JAVA_OPTS is passed through (e.g. -Dringmq.counters=false); prints each build's median and its runs (M msg/s).
set -euo pipefail
size=$1; count=$2; rounds=$3; shift 3
flags="--io-threads 1 --wait-strategy block"
endpoint="tcp://127.0.0.1:${PORT:-5596}"
out="$(mktemp)"; trap 'rm -f "$out"' EXIT
declare -A runs
for _ in $(seq "$rounds"); do
  for home in "$@"; do
    taskset -c 0 "$home/bin/ringmq" local_thr "$endpoint" "$size" "$count" $flags > "$out" &
    sleep 0.3
    taskset -c 1 "$home/bin/ringmq" remote_thr "$endpoint" "$size" "$count" $flags > /dev/null
    wait
    runs[$home]+="$(awk '/msg\/s/{printf "%.2f", $3/1e6}' "$out") "
  done
done
for home in "$@"; do
  median=$(echo ${runs[$home]} | tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
  echo "$home: median $median M msg/s  [ ${runs[$home]}]"
done
