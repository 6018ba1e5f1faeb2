#!/usr/bin/env bash
# Handshakes per second of a CURVE server (issue 5), ringmq and libzmq side by side: the server pinned to one core
# (taskset -c 0), the client loop to the other (taskset -c 1); every client connection completes the CURVE handshake
# and one REQ/REP round trip, then closes. Pairs alternate (A B C D A B C D ...), RUNS rounds; one line per run and
# the median per pair at the end.
#   scripts/curve-handshakes.sh [RUNS] [COUNT] [WARMUP]        (defaults 5 1000 200)
# Pairs (server <- client):  libzmq<-libzmq, ringmq<-ringmq, ringmq<-libzmq, libzmq<-ringmq, and ringmq+zap<-ringmq
# (the built-in authenticator with "any key", what `bin/ringmq --curve-server` installs), plus NULL for scale.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-5}"; count="${2:-1000}"; warmup="${3:-200}"
cdir="$root/latency-bench/target/c"
jar="$root/latency-bench/target/benchmarks.jar"
csrc="$root/latency-bench/src/main/c"
if [ ! -x "$cdir/zmq_curve_handshakes" ] || [ -n "$(find "$csrc" -newer "$cdir/zmq_curve_handshakes" -name '*.[ch]' -print -quit)" ]; then
  "$csrc/build.sh" "$cdir"
fi
if [ ! -f "$jar" ]; then
  (cd "$root" && mvn -B -q -pl latency-bench -am package -DskipTests)
fi
keys="$("$root/bin/ringmq" keygen)"
pub="$(echo "$keys" | awk '/^public:/{print $2}')"
sec="$(echo "$keys" | awk '/^secret:/{print $2}')"
java_cmd=(java "@$root/jvm.options" -Xmx256m -cp "$jar" io.ringmq.bench.curve.CurveHandshakes)
c_cmd=("$cdir/zmq_curve_handshakes")

server() { # impl mech endpoint total
  local impl=$1 mech=$2 ep=$3 total=$4 extra=()
  [ "$mech" = curve ] && extra=(--curve-secret "$sec")
  [ "$mech" = curve-zap ] && extra=(--curve-secret "$sec" --zap)
  # exec: the background job's pid is the server itself, so a kill reaches it
  if [ "$impl" = ringmq ]; then exec taskset -c 0 "${java_cmd[@]}" server "$ep" "$total" "${extra[@]}"
  else exec taskset -c 0 "${c_cmd[@]}" server "$ep" "$total" "${extra[@]}"; fi
}
client() { # impl mech endpoint
  local impl=$1 mech=$2 ep=$3 extra=(--warmup "$warmup")
  [ "$mech" != null ] && extra+=(--curve-server-key "$pub")
  if [ "$impl" = ringmq ]; then taskset -c 1 "${java_cmd[@]}" client "$ep" "$count" "${extra[@]}"
  else taskset -c 1 "${c_cmd[@]}" client "$ep" "$count" "${extra[@]}"; fi
}
wait_listen() { # port (a JVM listens on an IPv6 dual-stack socket: /proc/net/tcp6)
  local hex; hex=$(printf '%04X' "$1")
  for _ in $(seq 1 200); do
    grep -q ":$hex 0\+:0000 0A" /proc/net/tcp /proc/net/tcp6 2>/dev/null && return 0
    sleep 0.05
  done
  return 1
}

pairs=("libzmq curve libzmq" "ringmq curve ringmq" "ringmq curve libzmq" "libzmq curve ringmq" "ringmq curve-zap ringmq" "libzmq null libzmq" "ringmq null ringmq")
declare -A results
port=27100
echo "# $(date -u +%FT%TZ) runs=$runs count=$count warmup=$warmup load=$(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq 1 "$runs"); do
  for p in "${pairs[@]}"; do
    read -r simpl mech cimpl <<<"$p"
    port=$((port + 1)); ep="tcp://127.0.0.1:$port"
    server "$simpl" "$mech" "$ep" $((count + warmup)) >/dev/null 2>/tmp/curve-hs-server.err &
    spid=$!
    if ! wait_listen "$port"; then echo "server $p did not listen" >&2; kill "$spid" 2>/dev/null || true; continue; fi
    out="$(timeout 120 bash -c "$(declare -f client); $(declare -p java_cmd c_cmd pub warmup count); client $cimpl $mech $ep" 2>&1)" || true
    rate="$(echo "$out" | awk -F': ' '/^handshakes per second/{split($2,a," "); print a[1]}')"
    p50="$(echo "$out" | awk -F': ' '/^p50/{split($2,a," "); print a[1]}')"
    for _ in $(seq 1 50); do kill -0 "$spid" 2>/dev/null || break; sleep 0.1; done
    kill "$spid" 2>/dev/null || true
    wait "$spid" 2>/dev/null || true
    key="server=$simpl($mech) client=$cimpl"
    echo "run $r  $key  handshakes/s=${rate:-FAILED}  p50=${p50:-?}us"
    [ -n "$rate" ] && results[$key]+="$rate "
  done
done
echo "# medians (load at end $(cut -d' ' -f1-3 /proc/loadavg))"
for p in "${pairs[@]}"; do
  read -r simpl mech cimpl <<<"$p"
  key="server=$simpl($mech) client=$cimpl"
  vals="${results[$key]:-}"
  med="$(echo $vals | tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END{if(NR==0)print "n/a"; else if(NR%2)print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}')"
  echo "median  $key  handshakes/s=$med  (runs: $vals)"
done
