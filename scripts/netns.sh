#!/usr/bin/env bash
# A lossy network of its own for fault-injection tests: a fresh network namespace with only loopback, up, and one
# nftables rule that drops a share of its tcp packets at random (netem is not available in every kernel; nftables
# is). Runs COMMAND inside the namespace and, however it ends (exit, error, SIGINT/SIGTERM, or the end of stdin for
# `hold`), kills whatever still runs in the namespace and deletes it; its nftables table lives in the namespace,
# so it goes with it. Needs root, `ip` (iproute2) and `nft` (nftables).
#
#   scripts/netns.sh [--drop PERCENT] COMMAND [ARG...]
#       runs COMMAND inside a fresh namespace (its name in $RINGMQ_NETNS); exits with COMMAND's status
#   scripts/netns.sh [--drop PERCENT] hold
#       prints "ready NAME" once the namespace exists, then keeps it until stdin ends (a test holds the pipe; if the
#       test's JVM dies, even by SIGKILL, the pipe closes and the namespace goes) or a signal comes; processes are
#       started inside it with `ip netns exec NAME ...`
#   scripts/netns.sh stats NAME
#       prints "tcp=N dropped=M": the tcp packets the namespace sent so far and how many the rule dropped
#   scripts/netns.sh check
#       exits 0 if all this can run here, else 1 with one line saying what is missing
#   scripts/netns.sh sweep
#       removes leftovers: every ringmq-test-* namespace whose owner (the pid in its name) is gone
#
# Names are ringmq-test-<owner pid>-<suffix>, so a sweep never takes the namespace of a run still in progress.
# PERCENT defaults to 5; 0 keeps the counters but drops nothing.
set -euo pipefail

prefix=ringmq-test-
table=ringmq_faults

die() {
  echo "netns.sh: $*" >&2
  exit 1
}

require() {
  [ "$(id -u)" = 0 ] || die "must run as root (network namespaces and nftables need CAP_NET_ADMIN)"
  command -v ip >/dev/null 2>&1 || die "'ip' not found: apt-get install -y iproute2"
  command -v nft >/dev/null 2>&1 || die "'nft' not found: apt-get install -y nftables"
}

# Kills what runs inside the namespace, then deletes it (its nftables table with it).
remove() {
  local name="$1" pids
  pids="$(ip netns pids "$name" 2>/dev/null || true)"
  if [ -n "$pids" ]; then
    # shellcheck disable=SC2086
    kill -9 $pids 2>/dev/null || true
    for _ in $(seq 50); do
      [ -z "$(ip netns pids "$name" 2>/dev/null || true)" ] && break
      sleep 0.1
    done
  fi
  ip netns delete "$name" 2>/dev/null || true
}

sweep() {
  local name owner
  for name in $(ip netns list 2>/dev/null | awk '{print $1}'); do
    case "$name" in
      "$prefix"*)
        owner="${name#"$prefix"}"
        owner="${owner%%-*}"
        if ! [[ "$owner" =~ ^[0-9]+$ ]] || ! kill -0 "$owner" 2>/dev/null; then
          echo "netns.sh: removing leftover namespace $name" >&2
          remove "$name"
        fi
        ;;
    esac
  done
}

stats() {
  local name="$1"
  ip netns exec "$name" nft list table inet "$table" | awk '
    /counter packets/ { for (i = 1; i <= NF; i++) if ($i == "packets") n[++k] = $(i + 1) }
    END { printf "tcp=%d dropped=%d\n", n[1], n[2] }'
}

require
drop=5
while [ $# -gt 0 ]; do
  case "$1" in
    --drop) drop="$2"; shift 2 ;;
    stats) [ $# = 2 ] || die "usage: netns.sh stats NAME"; stats "$2"; exit 0 ;;
    sweep) sweep; exit 0 ;;
    check) exit 0 ;;
    --) shift; break ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || die "usage: netns.sh [--drop PERCENT] COMMAND [ARG...] | hold | stats NAME | sweep"
[[ "$drop" =~ ^[0-9]+$ ]] && [ "$drop" -le 100 ] || die "--drop takes a whole percentage, got '$drop'"
name="${prefix}$$-$RANDOM"

sweep
child=""
# The command (or the stdin holder) runs in the background and is waited for: bash defers a trap until a
# foreground child ends, and a signal must tear the namespace down at once.
trap '[ -n "$child" ] && kill -9 "$child" 2>/dev/null; remove "$name"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP
ip netns add "$name"
# An Ethernet-sized MTU and one segment per packet (no GSO): loopback's 64 KiB MTU and segmentation offload would
# carry a whole burst in a handful of packets, and the rule counts and drops packets as netfilter sees them.
ip -n "$name" link set lo mtu 1500 gso_max_segs 1 up
# Every tcp packet is counted; PERCENT of them are dropped on the way out (on loopback, each packet leaves once).
ip netns exec "$name" nft -f - <<EOF
table inet $table {
  chain output {
    type filter hook output priority 0; policy accept;
    meta l4proto tcp counter
    meta l4proto tcp numgen random mod 100 < $drop counter drop
  }
}
EOF

export RINGMQ_NETNS="$name"
if [ "$1" = hold ] && [ $# = 1 ]; then
  echo "ready $name"
  cat <&0 >/dev/null &
  child=$!
  wait "$child" || true
  child=""
  exit 0
fi
ip netns exec "$name" "$@" <&0 &
child=$!
set +e
wait "$child"
status=$?
set -e
child=""
exit "$status"
