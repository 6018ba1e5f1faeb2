"""A libzmq 4.3 PUSH or PULL for the back-pressure tests (driven by /usr/bin/python3 with Debian's python3-zmq).

push ENDPOINT bind|connect COUNT SIZE HWM
    sends COUNT messages of SIZE bytes (an 8-byte big-endian sequence number, then a fixed pattern), each first
    with DONTWAIT and, when that would block, again blocking; prints "done sent=N eagain=K".
pull ENDPOINT bind|connect COUNT SIZE HWM PAUSE_AFTER PAUSE_MS
    receives COUNT messages, sleeping PAUSE_MS once after the first PAUSE_AFTER; checks each one's sequence
    (exactly once, in order) and body; prints "done received=N" or "error ...".
Both print "ready" once bound or connected. Every wait is bounded (30 s without progress): a stall is an error.
"""
import sys
import time
import zmq


def pattern(size):
    return bytes((i * 31 + 7) & 0xFF for i in range(max(0, size - 8)))


def main():
    role, endpoint, how, count, size, hwm = sys.argv[1:7]
    count, size, hwm = int(count), int(size), int(hwm)
    ctx = zmq.Context()
    sock = ctx.socket(zmq.PUSH if role == "push" else zmq.PULL)
    sock.setsockopt(zmq.SNDHWM, hwm)
    sock.setsockopt(zmq.RCVHWM, hwm)
    sock.setsockopt(zmq.LINGER, 30000)
    sock.setsockopt(zmq.SNDTIMEO, 30000)
    sock.setsockopt(zmq.RCVTIMEO, 30000)
    if how == "bind":
        sock.bind(endpoint)
        print("ready " + sock.getsockopt_string(zmq.LAST_ENDPOINT), flush=True)
    else:
        sock.connect(endpoint)
        print("ready", flush=True)
    body = pattern(size)
    try:
        if role == "push":
            eagain = 0
            for seq in range(count):
                message = seq.to_bytes(8, "big") + body
                try:
                    sock.send(message, zmq.DONTWAIT)
                except zmq.Again:
                    eagain += 1
                    sock.send(message)
            print("done sent=%d eagain=%d" % (count, eagain), flush=True)
        else:
            pause_after, pause_ms = int(sys.argv[7]), int(sys.argv[8])
            for seq in range(count):
                message = sock.recv()
                got = int.from_bytes(message[:8], "big")
                if got != seq:
                    print("error expected %d got %d" % (seq, got), flush=True)
                    return 1
                if message[8:] != body:
                    print("error body of %d corrupted (%d bytes)" % (seq, len(message)), flush=True)
                    return 1
                if seq + 1 == pause_after:
                    time.sleep(pause_ms / 1000.0)
            print("done received=%d" % count, flush=True)
    except zmq.Again:
        print("error stalled: no progress for 30 s", flush=True)
        return 1
    finally:
        sock.close()
        ctx.term()
    return 0


if __name__ == "__main__":
    sys.exit(main())
