#!/usr/bin/python3
"""libzmq's perf programs (local_lat, remote_lat, local_thr, remote_thr) over pyzmq, for the CLI's interop tests.

Debian ships no libzmq perf binaries; these follow the same protocol and print the same first lines:
  zmq_perf.py local_lat  ENDPOINT SIZE COUNT     (REP, binds, echoes)
  zmq_perf.py remote_lat ENDPOINT SIZE COUNT     (REQ, connects, prints message size / roundtrip count / average latency)
  zmq_perf.py local_thr  ENDPOINT SIZE COUNT     (PULL, binds, prints the four throughput lines)
  zmq_perf.py remote_thr ENDPOINT SIZE COUNT     (PUSH, connects, sends, lingers until delivered)
"""
import sys
import time

import zmq


def main():
    role, endpoint, size, count = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    ctx = zmq.Context()
    if role == "local_lat":
        s = ctx.socket(zmq.REP)
        s.bind(endpoint)
        for _ in range(count):
            msg = s.recv()
            if len(msg) != size:
                print("message of incorrect size received", file=sys.stderr)
                return 1
            s.send(msg)
    elif role == "remote_lat":
        s = ctx.socket(zmq.REQ)
        s.connect(endpoint)
        msg = b"\0" * size
        start = time.perf_counter()
        for _ in range(count):
            s.send(msg)
            if len(s.recv()) != size:
                print("message of incorrect size received", file=sys.stderr)
                return 1
        elapsed_us = (time.perf_counter() - start) * 1e6
        print("message size: %d [B]" % size)
        print("roundtrip count: %d" % count)
        print("average latency: %.3f [us]" % (elapsed_us / (count * 2)))
    elif role == "local_thr":
        s = ctx.socket(zmq.PULL)
        s.bind(endpoint)
        s.recv()
        start = time.perf_counter()
        for _ in range(count - 1):
            s.recv()
        elapsed_us = max((time.perf_counter() - start) * 1e6, 1)
        throughput = int(count / elapsed_us * 1000000)
        print("message size: %d [B]" % size)
        print("message count: %d" % count)
        print("mean throughput: %d [msg/s]" % throughput)
        print("mean throughput: %.3f [Mb/s]" % (throughput * size * 8 / 1000000))
    elif role == "remote_thr":
        s = ctx.socket(zmq.PUSH)
        s.connect(endpoint)
        msg = b"\0" * size
        for _ in range(count):
            s.send(msg)
    else:
        print("unknown role " + role, file=sys.stderr)
        return 2
    s.close()  # default LINGER: wait until everything went out
    ctx.term()
    return 0


if __name__ == "__main__":
    sys.exit(main())
