#!/usr/bin/env bash
# The soak (issue 10, item 7; not in CI): ringmq servers holding 10,000 libzmq connections of mixed patterns for an
# hour, resident memory and latency sampled every minute. Separate processes, since one process may hold at most
# 20,000 files: three bin/ringmq servers (recv REP, recv PULL, send PUB), each binding one port, and libzmq clients
# (test-peers/soak_peer.py) of at most 2,000 sockets each: 40% REQ, 40% PUSH, 20% SUB. Each REQ and PUSH socket sends
# a message every 10 s; the PUB publishes a timestamp twice a second to every SUB.
#
#   scripts/soak.sh [--minutes N] [--connections N] [--drop PERCENT]
#
# Runs in a namespace of its own (scripts/netns.sh, root), where --drop PERCENT of tcp packets are lost (default 0):
# whatever it started goes with the namespace however it ends. Each minute prints one line: the server-side
# established connections, each server's RSS, the round trips (REQ->REP), deliveries (PUB->SUB) and sends
# (PUSH->PULL) in that minute with their latency percentiles, and errors (REQs unanswered for 30 s, PUSH EAGAINs).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
minutes=60
connections=10000
drop=0
inside=0
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) minutes="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --drop) drop="$2"; shift 2 ;;
    --inside) inside=1; shift ;;
    *) echo "usage: scripts/soak.sh [--minutes N] [--connections N] [--drop PERCENT]" >&2; exit 2 ;;
  esac
done
if [ "$inside" = 0 ]; then
  [ -f "$root/cli/target/ringmq.jar" ] || (cd "$root" && mvn -B -q -DskipTests package)
  exec "$root/scripts/netns.sh" --drop "$drop" "$root/scripts/soak.sh" --inside --minutes "$minutes" \
    --connections "$connections"
fi

ulimit -n 20000
work="$(mktemp -d /tmp/ringmq-soak.XXXXXX)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
peer() { /usr/bin/python3 -u "$root/test-peers/soak_peer.py" "$@"; }
rss() { awk '/^VmRSS/ {printf "%d", $2 / 1024}' "/proc/$1/status" 2>/dev/null || echo "-"; }

rep=tcp://127.0.0.1:6001 pull=tcp://127.0.0.1:6002 pub=tcp://127.0.0.1:6003
"$root/bin/ringmq" recv REP "$rep" --bind >/dev/null 2>"$work/rep.err" &
rep_pid=$!; pids+=("$rep_pid")
"$root/bin/ringmq" recv PULL "$pull" --bind 2>"$work/pull.err" > >(peer count "$work/pull.count") &
pull_pid=$!; pids+=("$pull_pid")
peer ticker 2 | "$root/bin/ringmq" send PUB "$pub" --bind >/dev/null 2>"$work/pub.err" &
pub_pid=$!; pids+=("$pub_pid")
sleep 3

# Clients: at most 2,000 sockets a process.
clients() { # pattern endpoint sockets [period]
  local pattern="$1" endpoint="$2" left="$3" n i=0
  while [ "$left" -gt 0 ]; do
    n=$(( left < 2000 ? left : 2000 ))
    if [ "$pattern" = sub ]; then
      peer sub "$endpoint" "$n" 60 >"$work/$pattern.$i.log" 2>&1 &
    else
      peer "$pattern" "$endpoint" "$n" 10 60 >"$work/$pattern.$i.log" 2>&1 &
    fi
    pids+=("$!")
    left=$(( left - n )); i=$(( i + 1 ))
  done
}
reqs=$(( connections * 2 / 5 )); pushes=$(( connections * 2 / 5 )); subs=$(( connections - reqs - pushes ))
clients req "$rep" "$reqs"
clients push "$pull" "$pushes"
clients sub "$pub" "$subs"
echo "soak: $connections connections ($reqs REQ->REP, $pushes PUSH->PULL, $subs SUB<-PUB) for $minutes min," \
  "drop $drop%, ringmq pids rep=$rep_pid pull=$pull_pid pub=$pub_pid"

# Sums the last sample line of each client log of a pattern: messages, the worst p50/p99/max, errors.
summary() {
  local pattern="$1" f
  for f in "$work/$pattern".*.log; do tail -n 1 "$f"; done | awk -v p="$pattern" '
    $1 == p { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
              m += v["msgs"]; e += v["errors"]
              if (v["p50_us"] > p50) p50 = v["p50_us"]; if (v["p99_us"] > p99) p99 = v["p99_us"]
              if (v["max_us"] > mx) mx = v["max_us"]; n++ }
    END { if (n == 0) printf "%s: no sample yet", p
          else if (p == "push") printf "%s %d sent, %d EAGAIN", p, m, e
          else printf "%s %d, p50 %.2f p99 %.2f max %.2f ms, %d errors", p, m, p50 / 1000, p99 / 1000, mx / 1000, e }'
}

start=$(date +%s)
for minute in $(seq 1 "$minutes"); do
  wait_s=$(( start + minute * 60 + 2 - $(date +%s) ))
  [ "$wait_s" -gt 0 ] && sleep "$wait_s"
  for pid in "$rep_pid" "$pull_pid" "$pub_pid"; do
    kill -0 "$pid" 2>/dev/null || { echo "soak: a ringmq server (pid $pid) died:"; cat "$work"/*.err; exit 1; }
  done
  established=$(ss -Htn state established '( sport = :6001 or sport = :6002 or sport = :6003 )' | wc -l)
  echo "minute $minute: connections $established, RSS MiB rep $(rss "$rep_pid") pull $(rss "$pull_pid")" \
    "pub $(rss "$pub_pid") | $(summary req) | $(summary sub) | $(summary push), pull received" \
    "$(cat "$work/pull.count" 2>/dev/null || echo 0) in all"
done
echo "soak: done after $minutes min"
