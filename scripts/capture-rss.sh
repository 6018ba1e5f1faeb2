#!/usr/bin/env bash
# Capture memory stays bounded: records VOLUME_MIB of traffic with `ringmq record` (a PULL, fed by `ringmq remote_thr`)
# and samples the recorder's /proc/PID/status every 100 ms. The journal is mapped a chunk at a time (chronicle-bytes
# MappedBytes), so anonymous memory (heap, direct buffers, rings) must stay under LIMIT_MIB however large the journal
# grows; file-backed pages (RssFile) are the journal's own and the kernel may write them back and drop them.
#
#   scripts/capture-rss.sh [VOLUME_MIB=512] [MESSAGE_BYTES=4096] [LIMIT_MIB=256]
#
# Prints one line per figure and exits 1 when RssAnon reached the limit. The journal goes to ${TMPDIR:-/tmp} and is
# deleted at the end (it needs VOLUME_MIB of free disk while the run lasts).
set -euo pipefail
volume_mib="${1:-512}"
size="${2:-4096}"
limit_mib="${3:-256}"
root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
count=$(( volume_mib * 1024 * 1024 / size ))
work="$(mktemp -d "${TMPDIR:-/tmp}/ringmq-capture-rss.XXXXXX")"
journal="$work/traffic.rmqj"
recorder=""
cleanup() {
  if [ -n "$recorder" ] && kill -0 "$recorder" 2>/dev/null; then kill "$recorder"; wait "$recorder" || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

"$root/bin/ringmq" record 'tcp://127.0.0.1:*' --bind --type PULL --out "$journal" --count "$count" --timeout 120 \
  2>"$work/record.err" &
recorder=$!
endpoint=""
for _ in $(seq 1 300); do
  endpoint="$(sed -n 's/^bound: //p' "$work/record.err")"
  [ -n "$endpoint" ] && break
  kill -0 "$recorder" 2>/dev/null || { cat "$work/record.err" >&2; exit 1; }
  sleep 0.1
done
[ -n "$endpoint" ] || { echo "capture-rss: the recorder never bound" >&2; exit 1; }

rss_kib() { sed -n "s/^$1:[[:space:]]*\([0-9]*\) kB/\1/p" "/proc/$recorder/status" 2>/dev/null || true; }
max_anon=0
max_file=0
sample() {
  local anon file
  anon="$(rss_kib RssAnon)"; file="$(rss_kib RssFile)"
  [ -n "$anon" ] && [ "$anon" -gt "$max_anon" ] && max_anon=$anon
  [ -n "$file" ] && [ "$file" -gt "$max_file" ] && max_file=$file
  return 0
}
sample
idle_anon=$max_anon
start=$(date +%s.%N)
"$root/bin/ringmq" remote_thr "$endpoint" "$size" "$count" &
feeder=$!
while kill -0 "$recorder" 2>/dev/null; do
  sample
  sleep 0.1
done
wait "$feeder"
status=0
wait "$recorder" || status=$?
end=$(date +%s.%N)
cat "$work/record.err" >&2
[ "$status" -eq 0 ] || { echo "capture-rss: the recorder exited $status" >&2; exit 1; }
echo "recorded: $volume_mib MiB in $count messages of $size B, $(awk "BEGIN { printf \"%.1f\", $end - $start }") s"
echo "journal: $(stat -c %s "$journal") bytes"
echo "RssAnon before traffic: $(( idle_anon / 1024 )) MiB"
echo "RssAnon max: $(( max_anon / 1024 )) MiB (limit $limit_mib MiB)"
echo "RssFile max: $(( max_file / 1024 )) MiB"
if [ "$max_anon" -ge $(( limit_mib * 1024 )) ]; then
  echo "capture-rss: RssAnon reached the limit" >&2
  exit 1
fi
