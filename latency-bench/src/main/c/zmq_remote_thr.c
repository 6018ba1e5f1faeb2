/*
 * zmq_remote_thr <connect-to> <message-size> <message-count> [--curve-server-key Z85]   (zmq_perf_opts.h)
 *
 * The sending side of libzmq's throughput protocol, against Debian's libzmq: a PUSH socket connects and sends
 * message-count messages; it exits only once all were handed to the transport (default infinite linger, so
 * zmq_ctx_term waits). Prints nothing on stdout.
 */
#include "zmq_perf_opts.h"

static const char *PROG = "zmq_remote_thr";

int main(int argc, char **argv)
{
    if (argc < 4)
    {
        fprintf(stderr, "usage: %s <connect-to> <message-size> <message-count> [--curve-server-key Z85 [--curve-secret Z85]]\n", PROG);
        return 2;
    }
    const char *endpoint = argv[1];
    long size = perf_parse_count(PROG, "message size", argv[2], 0);
    long count = perf_parse_count(PROG, "message count", argv[3], 1);
    zperf_opts opts;
    zperf_parse(PROG, argc, argv, 4, 0, &opts);

    char *buf = calloc((size_t)size + 1, 1);
    void *ctx = zmq_ctx_new();
    void *push = zmq_socket(ctx, ZMQ_PUSH);
    if (zperf_apply(PROG, push, &opts) != 0)
    {
        return 1;
    }
    if (zmq_connect(push, endpoint) != 0)
    {
        fprintf(stderr, "%s: connect %s: %s\n", PROG, endpoint, zmq_strerror(zmq_errno()));
        return 1;
    }
    for (long i = 0; i < count; i++)
    {
        /* Blocks at the send high-water mark (1000 by default, as libzmq's remote_thr leaves it). */
        if (zmq_send(push, buf, (size_t)size, 0) < 0)
        {
            fprintf(stderr, "%s: send: %s\n", PROG, zmq_strerror(zmq_errno()));
            return 1;
        }
    }
    zmq_close(push);
    zmq_ctx_term(ctx);
    free(buf);
    return 0;
}
