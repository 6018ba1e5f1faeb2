/*
 * zmq_local_thr <bind-to> <message-size> <message-count> [--curve-server --curve-secret Z85]   (zmq_perf_opts.h)
 *
 * The receiving side of libzmq's throughput protocol, against Debian's libzmq: a PULL socket binds, receives
 * message-count messages and times from the first to the last, then prints cli.md's 4 lines.
 */
#include "zmq_perf_opts.h"

static const char *PROG = "zmq_local_thr";

static int recv_one(void *pull, zmq_msg_t *msg, long size)
{
    if (zmq_msg_recv(msg, pull, 0) < 0)
    {
        fprintf(stderr, "%s: recv: %s\n", PROG, zmq_strerror(zmq_errno()));
        return -1;
    }
    if ((long)zmq_msg_size(msg) != size)
    {
        fprintf(stderr, "%s: message of %zu bytes, expected %ld\n", PROG, zmq_msg_size(msg), size);
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 4)
    {
        fprintf(stderr, "usage: %s <bind-to> <message-size> <message-count> [--curve-server --curve-secret Z85]\n", PROG);
        return 2;
    }
    const char *endpoint = argv[1];
    long size = perf_parse_count(PROG, "message size", argv[2], 0);
    long count = perf_parse_count(PROG, "message count", argv[3], 1);
    zperf_opts opts;
    zperf_parse(PROG, argc, argv, 4, 0, &opts);

    void *ctx = zmq_ctx_new();
    void *pull = zmq_socket(ctx, ZMQ_PULL);
    if (zperf_apply(PROG, pull, &opts) != 0)
    {
        return 1;
    }
    if (zmq_bind(pull, endpoint) != 0)
    {
        fprintf(stderr, "%s: bind %s: %s\n", PROG, endpoint, zmq_strerror(zmq_errno()));
        return 1;
    }

    zmq_msg_t msg;
    zmq_msg_init(&msg);
    /* The clock starts at the first message, so the peer's start-up and connect are not in the figure. */
    if (recv_one(pull, &msg, size) != 0)
    {
        return 1;
    }
    uint64_t start = perf_now_ns();
    for (long i = 1; i < count; i++)
    {
        if (recv_one(pull, &msg, size) != 0)
        {
            return 1;
        }
    }
    uint64_t elapsed = perf_now_ns() - start;
    zmq_msg_close(&msg);
    zmq_close(pull);
    zmq_ctx_term(ctx);

    perf_print_throughput(size, count, elapsed);
    return 0;
}
