"""A libzmq 4.3 peer for the fault-injection tests (driven by /usr/bin/python3 with Debian's python3-zmq).

Every message is one text frame, the body of a sequence number (see body()): the number, a payload that depends on
it, and the CRC-32 of both, so a receiver can tell a message's place and that it arrived intact. Receivers print each
message as one line, as `ringmq recv` does, and leave the checking to the test, which checks every side alike.

push ENDPOINT bind|connect FIRST COUNT PACE_EVERY PACE_MS
    sends the bodies of FIRST .. FIRST+COUNT-1, sleeping PACE_MS after every PACE_EVERY messages (0: no pause);
    prints "done sent=N"
pull ENDPOINT bind|connect COUNT
    prints each message received; exits after COUNT (0: runs until killed)
rep ENDPOINT bind|connect
    echoes each request and prints it; runs until killed
req ENDPOINT connect COUNT TIMEOUT_MS
    REQ_RELAXED + REQ_CORRELATE: sends the bodies of 0 .. COUNT-1, one at a time; a request without a reply within
    TIMEOUT_MS is sent again on the same socket (libzmq's way of surviving a dead REP without a fresh socket;
    CORRELATE drops a late reply to the abandoned attempt); prints each reply, then "done replies=N resent=K"
Each prints "ready" once bound or connected. A wait without progress for 60 s is an error ("error stalled").
"""
import sys
import time
import zlib
import zmq


def body(seq):
    """The message of sequence number seq: 'SEQ:PAYLOAD:CRC' in ASCII (the CRC-32 of 'SEQ:PAYLOAD', hex)."""
    size = 20000 if seq % 250 == 249 else 16 + (seq * 37) % 240
    payload = "".join(chr(97 + (seq * 7 + i * 13) % 26) for i in range(size))
    head = "%010d:%s" % (seq, payload)
    return "%s:%08x" % (head, zlib.crc32(head.encode()) & 0xFFFFFFFF)


def main():
    role, endpoint, how = sys.argv[1:4]
    args = [int(a) for a in sys.argv[4:]]
    ctx = zmq.Context()
    sock = ctx.socket({"push": zmq.PUSH, "pull": zmq.PULL, "rep": zmq.REP, "req": zmq.REQ}[role])
    sock.setsockopt(zmq.LINGER, 30000)
    sock.setsockopt(zmq.SNDTIMEO, 60000)
    sock.setsockopt(zmq.RCVTIMEO, 60000)
    # A restarted peer is found again quickly: reconnect every 100 ms, as the tests' kills need.
    sock.setsockopt(zmq.RECONNECT_IVL, 100)
    if role == "req":
        sock.setsockopt(zmq.REQ_RELAXED, 1)
        sock.setsockopt(zmq.REQ_CORRELATE, 1)
    if how == "bind":
        sock.bind(endpoint)
    else:
        sock.connect(endpoint)
    print("ready", flush=True)
    out = sys.stdout
    try:
        if role == "push":
            first, count, pace_every, pace_ms = args
            for seq in range(first, first + count):
                sock.send_string(body(seq))
                if pace_every and (seq - first + 1) % pace_every == 0:
                    time.sleep(pace_ms / 1000.0)
            print("done sent=%d" % count, flush=True)
        elif role == "pull":
            count = args[0]
            received = 0
            while count == 0 or received < count:
                out.write(sock.recv().decode() + "\n")
                out.flush()
                received += 1
        elif role == "rep":
            while True:
                request = sock.recv()
                out.write(request.decode() + "\n")
                out.flush()
                sock.send(request)
        else:
            count, timeout_ms = args
            poller = zmq.Poller()
            poller.register(sock, zmq.POLLIN)
            resent = 0
            for seq in range(count):
                request = body(seq).encode()
                sock.send(request)
                deadline = time.monotonic() + 60
                while not poller.poll(timeout_ms):
                    if time.monotonic() > deadline:
                        raise zmq.Again()
                    resent += 1
                    sock.send(request)
                out.write(sock.recv().decode() + "\n")
                out.flush()
            print("done replies=%d resent=%d" % (count, resent), flush=True)
    except zmq.Again:
        print("error stalled: no progress for 60 s", flush=True)
        return 1
    finally:
        sock.close(None if role == "push" else 0)
        ctx.term()
    return 0


if __name__ == "__main__":
    sys.exit(main())
