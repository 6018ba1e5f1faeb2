"""libzmq 4.3 clients for scripts/soak.sh: many sockets per process, a steady trickle of traffic, and one sample line
per interval (driven by /usr/bin/python3 with Debian's python3-zmq).

req ENDPOINT SOCKETS PERIOD_S SAMPLE_S
    SOCKETS REQ sockets, each sending a request every PERIOD_S (spread evenly); samples the round trips
push ENDPOINT SOCKETS PERIOD_S SAMPLE_S
    SOCKETS PUSH sockets, each sending a message every PERIOD_S; counts sends and EAGAINs
sub ENDPOINT SOCKETS SAMPLE_S
    SOCKETS SUB sockets; each message is a publisher's time.time_ns(): samples the delivery latency
ticker HZ
    prints time.time_ns() HZ times a second (the publisher's input: `ringmq send PUB` reads it)
count FILE
    counts stdin lines, writing the count to FILE every second (for `ringmq recv PULL`'s output)

A sample line: "<pattern> sockets=N msgs=M p50_us=.. p99_us=.. max_us=.. errors=E" (over the last interval).
"""
import sys
import time
import zmq


def percentile(sorted_values, p):
    if not sorted_values:
        return 0
    return sorted_values[min(len(sorted_values) - 1, int(len(sorted_values) * p))]


def report(pattern, sockets, latencies_ns, msgs, errors):
    latencies_ns.sort()
    print("%s sockets=%d msgs=%d p50_us=%d p99_us=%d max_us=%d errors=%d" % (
        pattern, sockets, msgs, percentile(latencies_ns, 0.5) // 1000, percentile(latencies_ns, 0.99) // 1000,
        (latencies_ns[-1] if latencies_ns else 0) // 1000, errors), flush=True)


def open_sockets(kind, endpoint, count):
    ctx = zmq.Context(io_threads=1)
    ctx.set(zmq.MAX_SOCKETS, count + 16)
    sockets = []
    for _ in range(count):
        sock = ctx.socket(kind)
        sock.setsockopt(zmq.LINGER, 0)
        if kind == zmq.SUB:
            sock.setsockopt(zmq.SUBSCRIBE, b"")
        sock.connect(endpoint)
        sockets.append(sock)
    return ctx, sockets


def req(endpoint, count, period_s, sample_s):
    ctx, sockets = open_sockets(zmq.REQ, endpoint, count)
    poller = zmq.Poller()
    for sock in sockets:
        poller.register(sock, zmq.POLLIN)
    sent_at = {}
    due = [time.monotonic() + period_s * i / count for i in range(count)]
    latencies, msgs, errors = [], 0, 0
    next_sample = time.monotonic() + sample_s
    while True:
        now = time.monotonic()
        for i, sock in enumerate(sockets):
            if sock not in sent_at and due[i] <= now:
                sock.send(b"%d" % time.monotonic_ns())
                sent_at[sock] = time.monotonic_ns()
                due[i] += period_s
        for sock, _ in poller.poll(20):
            sock.recv()
            latencies.append(time.monotonic_ns() - sent_at.pop(sock))
            msgs += 1
        if time.monotonic() >= next_sample:
            # A request without a reply for 30 s is an error (reported at every sample while it lasts).
            errors += sum(1 for t in sent_at.values() if time.monotonic_ns() - t > 30e9)
            report("req", count, latencies, msgs, errors)
            latencies, msgs, errors = [], 0, 0
            next_sample += sample_s


def push(endpoint, count, period_s, sample_s):
    ctx, sockets = open_sockets(zmq.PUSH, endpoint, count)
    due = [time.monotonic() + period_s * i / count for i in range(count)]
    msgs, errors = 0, 0
    next_sample = time.monotonic() + sample_s
    while True:
        now = time.monotonic()
        for i, sock in enumerate(sockets):
            if due[i] <= now:
                try:
                    sock.send(b"%d" % time.time_ns(), zmq.DONTWAIT)
                    msgs += 1
                except zmq.Again:
                    errors += 1
                due[i] += period_s
        time.sleep(0.02)
        if time.monotonic() >= next_sample:
            report("push", count, [], msgs, errors)
            msgs, errors = 0, 0
            next_sample += sample_s


def sub(endpoint, count, sample_s):
    ctx, sockets = open_sockets(zmq.SUB, endpoint, count)
    poller = zmq.Poller()
    for sock in sockets:
        poller.register(sock, zmq.POLLIN)
    latencies, msgs = [], 0
    next_sample = time.monotonic() + sample_s
    while True:
        for sock, _ in poller.poll(100):
            while True:
                try:
                    message = sock.recv(zmq.DONTWAIT)
                except zmq.Again:
                    break
                latencies.append(time.time_ns() - int(message))
                msgs += 1
        if time.monotonic() >= next_sample:
            report("sub", count, latencies, msgs, 0)
            latencies, msgs = [], 0
            next_sample += sample_s


def ticker(hz):
    while True:
        print(time.time_ns(), flush=True)
        time.sleep(1.0 / hz)


def count(path):
    lines, last = 0, 0.0
    for _ in sys.stdin:
        lines += 1
        if time.monotonic() - last >= 1:
            last = time.monotonic()
            with open(path, "w") as out:
                out.write("%d\n" % lines)


def main():
    mode, args = sys.argv[1], sys.argv[2:]
    if mode == "req":
        req(args[0], int(args[1]), float(args[2]), float(args[3]))
    elif mode == "push":
        push(args[0], int(args[1]), float(args[2]), float(args[3]))
    elif mode == "sub":
        sub(args[0], int(args[1]), float(args[2]))
    elif mode == "ticker":
        ticker(float(args[0]))
    else:
        count(args[0])


if __name__ == "__main__":
    try:
        main()
    except (KeyboardInterrupt, BrokenPipeError):
        pass  # the soak ended
