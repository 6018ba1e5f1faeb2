#!/usr/bin/python3
"""libzmq (pyzmq) over epgm for ringmq's multicast interop tests.

  epgm_peer.py pub ENDPOINT RATE COUNT [START_DELAY_S]
  epgm_peer.py sub ENDPOINT RATE COUNT TIMEOUT_S
  epgm_peer.py perfpub ENDPOINT RATE COUNT MSGS_PER_S
  epgm_peer.py perfsub ENDPOINT RATE COUNT TIMEOUT_S

Message i (0-based): i % 100 == 7 -> one 8192-byte frame starting with b"i."; i % 10 == 3 -> three frames
[b"i", b"part2", b"x" * (i % 50)]; otherwise one frame b"i". The subscriber checks what arrives against that and
prints one line: "received N first F last L bad B" (B = messages out of order, repeated or malformed), then exits 0.
"""
import sys
import time

import zmq


def message(i):
    if i % 100 == 7:
        head = b"%d." % i
        return [head + b"." * (8192 - len(head))]
    if i % 10 == 3:
        return [b"%d" % i, b"part2", b"x" * (i % 50)]
    return [b"%d" % i]


def index_of(frames):
    try:
        return int(frames[0].split(b".")[0])
    except ValueError:
        return -1


def perf_pub(sock, count, per_second):
    """64-byte messages: index (8 bytes BE), CLOCK_MONOTONIC ns at send (8 bytes BE), padding; paced per ms."""
    pad = b"p" * 48
    start = time.monotonic_ns()
    for i in range(count):
        due = start + i * 1_000_000_000 // per_second
        while time.monotonic_ns() < due:
            pass
        sock.send(i.to_bytes(8, "big") + time.monotonic_ns().to_bytes(8, "big") + pad)


def perf_sub(sock, count, timeout):
    seen = bytearray(count)
    latencies = []
    received, disorder, last = 0, 0, -1
    poller = zmq.Poller()
    poller.register(sock, zmq.POLLIN)
    deadline = time.time() + timeout
    idle_since = None
    while time.time() < deadline and received < count:
        if not poller.poll(100):
            if received and idle_since and time.time() - idle_since > 3:
                break
            idle_since = idle_since or time.time()
            continue
        idle_since = None
        frame = sock.recv()
        now = time.monotonic_ns()
        i = int.from_bytes(frame[0:8], "big")
        if 0 <= i < count and not seen[i]:
            seen[i] = 1
            received += 1
            latencies.append((now - int.from_bytes(frame[8:16], "big")) // 1000)
            if i < last:
                disorder += 1
            last = max(last, i)
    latencies.sort()

    def pct(p):
        return latencies[min(len(latencies) - 1, int(len(latencies) * p))] if latencies else -1
    print("perf received %d lost %d disorder %d p50 %d p99 %d p999 %d max %d" % (
        received, count - received, disorder, pct(0.5), pct(0.99), pct(0.999), latencies[-1] if latencies else -1),
        flush=True)


def main():
    role, endpoint, rate, count = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    ctx = zmq.Context()
    if role == "perfpub":
        sock = ctx.socket(zmq.PUB)
        sock.setsockopt(zmq.RATE, rate)
        sock.setsockopt(zmq.RECOVERY_IVL, 3000)
        sock.setsockopt(zmq.SNDHWM, 0)
        sock.connect(endpoint)
        time.sleep(1.0)
        perf_pub(sock, count, int(sys.argv[5]))
        print("sent %d" % count, flush=True)
        time.sleep(4)
        sock.close(linger=0)
    elif role == "perfsub":
        sock = ctx.socket(zmq.SUB)
        sock.setsockopt(zmq.RATE, rate)
        sock.setsockopt(zmq.RCVHWM, 0)
        sock.setsockopt(zmq.SUBSCRIBE, b"")
        sock.connect(endpoint)
        print("joined", flush=True)
        perf_sub(sock, count, float(sys.argv[5]))
        sock.close(linger=0)
    elif role == "pub":
        delay = float(sys.argv[5]) if len(sys.argv) > 5 else 1.0
        sock = ctx.socket(zmq.PUB)
        sock.setsockopt(zmq.RATE, rate)
        sock.setsockopt(zmq.RECOVERY_IVL, 3000)
        sock.setsockopt(zmq.SNDHWM, 0)
        sock.connect(endpoint)
        time.sleep(delay)
        for i in range(count):
            sock.send_multipart(message(i))
        print("sent %d" % count, flush=True)
        time.sleep(3)
        sock.close(linger=2000)
    else:
        timeout = float(sys.argv[5])
        sock = ctx.socket(zmq.SUB)
        sock.setsockopt(zmq.RATE, rate)
        sock.setsockopt(zmq.RCVHWM, 0)
        sock.setsockopt(zmq.SUBSCRIBE, b"")
        sock.connect(endpoint)
        print("joined", flush=True)
        received, first, last, bad = 0, -1, -1, 0
        deadline = time.time() + timeout
        poller = zmq.Poller()
        poller.register(sock, zmq.POLLIN)
        while time.time() < deadline and last != count - 1:
            if not poller.poll(100):
                continue
            frames = sock.recv_multipart()
            i = index_of(frames)
            if i < 0 or frames != message(i) or (last >= 0 and i != last + 1):
                bad += 1
            if first < 0:
                first = i
            last = i
            received += 1
        print("received %d first %d last %d bad %d" % (received, first, last, bad), flush=True)
        sock.close(linger=0)
    ctx.term()


if __name__ == "__main__":
    main()
