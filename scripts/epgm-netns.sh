#!/usr/bin/env bash
# Two network namespaces joined by a veth pair, for the epgm (PGM over UDP multicast) interop tests: A has
# 10.251.0.1/24 on its end, B 10.251.0.2/24, multicast on, 224.0.0.0/4 routed on the veth. (On one shared loopback
# sender and receiver bind the same UDP port and a NAK can land on the receiver's own socket; over a veth the two
# ends are separate hosts.) Optionally drops a share of the UDP datagrams each namespace receives (nftables, in the
# namespace, so it goes with it). Needs root, ip (iproute2) and nft (nftables).
#
#   scripts/epgm-netns.sh [--drop PERCENT] hold
#       prints "ready A B" once both exist, keeps them until stdin ends or a signal comes, then kills what still
#       runs inside and deletes them
#   scripts/epgm-netns.sh check     exits 0 if this can run here, else 1 with one line saying what is missing
#   scripts/epgm-netns.sh stats NAME  prints "dropped=N": the UDP datagrams the namespace's rule dropped so far
#   scripts/epgm-netns.sh sweep     removes ringmq-test-*-epgm* namespaces whose owner pid is gone
#
# Names: ringmq-test-<pid>-epgma / -epgmb (veth ends rmq<pid>a / rmq<pid>b, cut to 15 characters).
set -euo pipefail

prefix=ringmq-test-

die() {
  echo "epgm-netns.sh: $*" >&2
  exit 1
}

require() {
  [ "$(id -u)" = 0 ] || die "must run as root (network namespaces and nftables need CAP_NET_ADMIN)"
  command -v ip >/dev/null 2>&1 || die "'ip' not found: apt-get install -y iproute2"
  command -v nft >/dev/null 2>&1 || die "'nft' not found: apt-get install -y nftables"
}

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
      "$prefix"*-epgm?)
        owner="${name#"$prefix"}"
        owner="${owner%%-*}"
        if ! kill -0 "$owner" 2>/dev/null; then
          remove "$name"
        fi
        ;;
    esac
  done
}

drop=""
if [ "${1:-}" = "--drop" ]; then
  drop="$2"
  shift 2
fi

case "${1:-}" in
  check)
    ( require ) 2>&1 | head -1 | grep . && exit 1
    exit 0
    ;;
  sweep)
    require
    sweep
    exit 0
    ;;
  stats)
    require
    n="$(ip netns exec "$2" nft list table inet ringmq_faults 2>/dev/null | sed -n 's/.*counter packets \([0-9]*\).*/\1/p')"
    echo "dropped=${n:-0}"
    exit 0
    ;;
  hold)
    require
    sweep
    a="${prefix}$$-epgma"
    b="${prefix}$$-epgmb"
    va="rmq$$a"
    vb="rmq$$b"
    trap 'remove "$a"; remove "$b"' EXIT
    trap 'exit 1' INT TERM HUP
    ip netns add "$a"
    ip netns add "$b"
    ip link add "${va:0:15}" type veth peer name "${vb:0:15}"
    ip link set "${va:0:15}" netns "$a"
    ip link set "${vb:0:15}" netns "$b"
    ip -n "$a" addr add 10.251.0.1/24 dev "${va:0:15}"
    ip -n "$b" addr add 10.251.0.2/24 dev "${vb:0:15}"
    for pair in "$a ${va:0:15}" "$b ${vb:0:15}"; do
      set -- $pair
      ip -n "$1" link set lo up
      ip -n "$1" link set "$2" up
      ip -n "$1" link set "$2" multicast on
      ip -n "$1" route add 224.0.0.0/4 dev "$2"
      if [ -n "$drop" ] && [ "$drop" != 0 ]; then
        printf 'table inet ringmq_faults {\n chain input {\n  type filter hook input priority 0;\n  meta l4proto udp numgen random mod 100 < %s counter drop\n }\n}\n' \
          "$drop" | ip netns exec "$1" nft -f -
      fi
    done
    echo "ready $a $b"
    cat >/dev/null || true
    ;;
  *)
    die "usage: epgm-netns.sh [--drop PERCENT] hold | check | sweep"
    ;;
esac
