#!/bin/bash
# Syscalls per message of ringmq tcp PUSH->PULL (64 B x 200000), each side counted once under `strace -f -c`, with
# an I/O thread (block) and in caller-runs mode; the counts are robust even though strace slows the run.
# Usage: scripts/strace-syscalls-per-message.sh   (writes /tmp/b2/strace-*.txt; needs strace)
mkdir -p /tmp/b2; R="$(cd "$(dirname "$0")/.." && pwd)/bin/ringmq"; N=200000; S=64
for mode in "--io-threads 1 --wait-strategy block" "--io-threads 0"; do
  tag=$(echo "$mode" | tr -d ' -' )
  for traced in remote_thr local_thr; do
    port=$((28000 + RANDOM % 1000)); ep=tcp://127.0.0.1:$port
    out=/tmp/b2/strace-$tag-$traced.txt
    if [ $traced = local_thr ]; then
      taskset -c 0 strace -f -c -o $out $R local_thr $ep $S $N $mode > /tmp/b2/strace-$tag-$traced.stdout &
      sleep 2.5; timeout 120 taskset -c 1 $R remote_thr $ep $S $N $mode; wait
    else
      taskset -c 0 $R local_thr $ep $S $N $mode > /tmp/b2/strace-$tag-$traced.stdout &
      sleep 2; timeout 120 taskset -c 1 strace -f -c -o $out $R remote_thr $ep $S $N $mode; wait
    fi
    echo "== $tag traced=$traced $(grep 'msg/s' /tmp/b2/strace-$tag-$traced.stdout)"
    sort -k4 -n -r $out | head -8 | awk -v n=$N '{printf "   %-14s calls=%-9s per msg=%.3f\n", $NF, $4, $4/n}'
  done
done
