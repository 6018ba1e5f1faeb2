/*
 * zmq_local_lat <bind-to> <message-size> <roundtrip-count> [--curve-server --curve-secret Z85]   (zmq_perf_opts.h)
 *
 * The echo side of libzmq's latency protocol, against Debian's libzmq: a REP socket binds, receives
 * roundtrip-count messages of exactly message-size bytes and sends each straight back. Prints nothing on stdout.
 * Exit 1 on a message of another size or a socket error, 2 on bad arguments.
 */
#include "zmq_perf_opts.h"

static const char *PROG = "zmq_local_lat";

int main(int argc, char **argv)
{
    if (argc < 4)
    {
        fprintf(stderr, "usage: %s <bind-to> <message-size> <roundtrip-count> [--curve-server --curve-secret Z85]\n", PROG);
        return 2;
    }
    const char *endpoint = argv[1];
    long size = perf_parse_count(PROG, "message size", argv[2], 0);
    long count = perf_parse_count(PROG, "roundtrip count", argv[3], 1);
    zperf_opts opts;
    zperf_parse(PROG, argc, argv, 4, 0, &opts);

    void *ctx = zmq_ctx_new();
    void *rep = zmq_socket(ctx, ZMQ_REP);
    if (zperf_apply(PROG, rep, &opts) != 0)
    {
        return 1;
    }
    if (zmq_bind(rep, endpoint) != 0)
    {
        fprintf(stderr, "%s: bind %s: %s\n", PROG, endpoint, zmq_strerror(zmq_errno()));
        return 1;
    }

    /* One zmq_msg_t reused: zmq_msg_send hands its content to the socket and leaves it empty for the next recv,
       so the echo never copies the payload. */
    zmq_msg_t msg;
    zmq_msg_init(&msg);
    for (long i = 0; i < count; i++)
    {
        if (zmq_msg_recv(&msg, rep, 0) < 0)
        {
            fprintf(stderr, "%s: recv: %s\n", PROG, zmq_strerror(zmq_errno()));
            return 1;
        }
        if ((long)zmq_msg_size(&msg) != size)
        {
            fprintf(stderr, "%s: message of %zu bytes, expected %ld\n", PROG, zmq_msg_size(&msg), size);
            return 1;
        }
        if (zmq_msg_send(&msg, rep, 0) < 0)
        {
            fprintf(stderr, "%s: send: %s\n", PROG, zmq_strerror(zmq_errno()));
            return 1;
        }
    }
    zmq_msg_close(&msg);
    /* Default linger (infinite): zmq_ctx_term returns once the last reply was written to the peer. */
    zmq_close(rep);
    zmq_ctx_term(ctx);
    return 0;
}
