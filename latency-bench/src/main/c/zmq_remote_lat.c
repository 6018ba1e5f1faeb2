/*
 * zmq_remote_lat <connect-to> <message-size> <roundtrip-count> [--warmup N] [--curve-server-key Z85]   (zmq_perf_opts.h)
 *
 * The timing side of libzmq's latency protocol, against Debian's libzmq: a REQ socket connects, sends
 * roundtrip-count messages of message-size bytes and waits for each reply. Prints libzmq's three lines
 * (average latency is one-way: elapsed / (2 x roundtrips), as libzmq prints it) and then the round-trip
 * percentiles from every round trip timed on its own (cli.md's format). `--warmup N` (an extension, as in cli.md)
 * first makes N untimed round trips; the peer's local_lat must then be given roundtrip-count + N.
 */
#include "zmq_perf_opts.h"

static const char *PROG = "zmq_remote_lat";

int main(int argc, char **argv)
{
    if (argc < 4)
    {
        fprintf(stderr, "usage: %s <connect-to> <message-size> <roundtrip-count> [--warmup N] [--curve-server-key Z85 [--curve-secret Z85]]\n", PROG);
        return 2;
    }
    const char *endpoint = argv[1];
    long size = perf_parse_count(PROG, "message size", argv[2], 0);
    long count = perf_parse_count(PROG, "roundtrip count", argv[3], 1);
    zperf_opts opts;
    zperf_parse(PROG, argc, argv, 4, 1, &opts);
    long warmup = opts.warmup;

    /* Allocated before the clock starts, so neither malloc nor page faults land inside the timed loop. */
    uint64_t *samples = calloc((size_t)count, sizeof(uint64_t));
    char *buf = calloc((size_t)size + 1, 1);
    if (samples == NULL || buf == NULL)
    {
        fprintf(stderr, "%s: out of memory\n", PROG);
        return 1;
    }

    void *ctx = zmq_ctx_new();
    void *req = zmq_socket(ctx, ZMQ_REQ);
    if (zperf_apply(PROG, req, &opts) != 0)
    {
        return 1;
    }
    if (zmq_connect(req, endpoint) != 0)
    {
        fprintf(stderr, "%s: connect %s: %s\n", PROG, endpoint, zmq_strerror(zmq_errno()));
        return 1;
    }

    for (long i = 0; i < warmup; i++)
    {
        if (zmq_send(req, buf, (size_t)size, 0) < 0 || zmq_recv(req, buf, (size_t)size, 0) != size)
        {
            fprintf(stderr, "%s: warm-up round trip %ld failed: %s\n", PROG, i, zmq_strerror(zmq_errno()));
            return 1;
        }
    }

    /* As libzmq's remote_lat: the clock starts before the first send, connection set-up included (the harness
       starts this side only once the other side listens, so that is one TCP + ZMTP handshake). */
    uint64_t start = perf_now_ns();
    uint64_t prev = start;
    for (long i = 0; i < count; i++)
    {
        if (zmq_send(req, buf, (size_t)size, 0) < 0)
        {
            fprintf(stderr, "%s: send: %s\n", PROG, zmq_strerror(zmq_errno()));
            return 1;
        }
        int rc = zmq_recv(req, buf, (size_t)size, 0);
        if (rc < 0)
        {
            fprintf(stderr, "%s: recv: %s\n", PROG, zmq_strerror(zmq_errno()));
            return 1;
        }
        if (rc != size)
        {
            fprintf(stderr, "%s: reply of %d bytes, expected %ld\n", PROG, rc, size);
            return 1;
        }
        uint64_t now = perf_now_ns();
        samples[i] = now - prev;
        prev = now;
    }
    uint64_t elapsed = prev - start;

    zmq_close(req);
    zmq_ctx_term(ctx);
    perf_print_latency(size, count, elapsed, samples);
    free(samples);
    free(buf);
    return 0;
}
