/*
 * zmq_curve_handshakes server <bind-to> <count> --curve-secret Z85
 * zmq_curve_handshakes client <connect-to> <count> --curve-server-key Z85 [--curve-secret Z85] [--warmup N]
 *
 * Handshakes per second of a libzmq CURVE server (issue 5). The server binds a REP socket as a CURVE server and
 * answers <count> one-byte requests, one per connection. The client, <count> times: opens a REQ socket (CURVE
 * client, LINGER 0; its own key pair made once, or given), connects, sends one byte, waits for the reply (so the
 * CURVE handshake — HELLO, WELCOME, INITIATE, READY — completed and one MESSAGE went each way), closes the socket.
 * One context for the whole loop, so its I/O thread is started once. Without the CURVE options both sides use NULL
 * (the cost of TCP connect + ZMTP greeting alone, for scale). `--warmup N` (client): N untimed connections first;
 * the server must then be given count + N.
 *
 * The client prints (label: number [unit] lines, parsed by the harness):
 *   handshake count: N
 *   elapsed: X [ms]
 *   handshakes per second: X [1/s]
 *   p50: X [us]  p99: X [us]  max: X [us]     (connect → first reply, per connection)
 * The server prints nothing on stdout and exits after <count> requests.
 */
#include "zmq_perf_opts.h"

static const char *PROG = "zmq_curve_handshakes";

/* One client connection: REQ, CURVE options, LINGER 0, connect, one round trip, close. */
static int one_connection(void *ctx, const char *endpoint, const zperf_opts *opts, char *buf, long i)
{
    int zero = 0;
    void *req = zmq_socket(ctx, ZMQ_REQ);
    zmq_setsockopt(req, ZMQ_LINGER, &zero, sizeof(zero));
    if (zperf_apply(PROG, req, opts) != 0)
    {
        return -1;
    }
    if (zmq_connect(req, endpoint) != 0)
    {
        fprintf(stderr, "%s: connect %s: %s\n", PROG, endpoint, zmq_strerror(zmq_errno()));
        return -1;
    }
    if (zmq_send(req, buf, 1, 0) < 0 || zmq_recv(req, buf, 1, 0) != 1)
    {
        fprintf(stderr, "%s: round trip %ld: %s\n", PROG, i, zmq_strerror(zmq_errno()));
        return -1;
    }
    zmq_close(req);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 4 || (strcmp(argv[1], "server") != 0 && strcmp(argv[1], "client") != 0))
    {
        fprintf(stderr, "usage: %s server|client <endpoint> <count> [--curve-secret Z85] [--curve-server-key Z85]\n",
            PROG);
        return 2;
    }
    const int server = strcmp(argv[1], "server") == 0;
    const char *endpoint = argv[2];
    long count = perf_parse_count(PROG, "count", argv[3], 1);
    zperf_opts opts;
    zperf_parse(PROG, argc, argv, 4, 1, &opts);
    if (opts.curve_server && !server)
    {
        fprintf(stderr, "%s: a client needs --curve-server-key\n", PROG);
        return 2;
    }

    void *ctx = zmq_ctx_new();
    char buf[1] = {'x'};
    if (server)
    {
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
        for (long i = 0; i < count; i++)
        {
            if (zmq_recv(rep, buf, 1, 0) < 0 || zmq_send(rep, buf, 1, 0) < 0)
            {
                fprintf(stderr, "%s: echo: %s\n", PROG, zmq_strerror(zmq_errno()));
                return 1;
            }
        }
        zmq_close(rep);
        zmq_ctx_term(ctx);
        return 0;
    }

    /* One client key pair for the whole loop (fresh per connection would add the client's own keygen). */
    char public_key[41], secret_key[41];
    if (opts.curve_server_key != NULL && opts.curve_secret == NULL)
    {
        zmq_curve_keypair(public_key, secret_key);
        opts.curve_secret = secret_key;
    }
    (void)public_key;
    uint64_t *samples = calloc((size_t)count, sizeof(uint64_t));
    for (long i = 0; i < opts.warmup; i++)
    {
        if (one_connection(ctx, endpoint, &opts, buf, i) != 0)
        {
            return 1;
        }
    }
    uint64_t start = perf_now_ns();
    for (long i = 0; i < count; i++)
    {
        uint64_t t0 = perf_now_ns();
        if (one_connection(ctx, endpoint, &opts, buf, i) != 0)
        {
            return 1;
        }
        samples[i] = perf_now_ns() - t0;
    }
    uint64_t elapsed = perf_now_ns() - start;
    zmq_ctx_term(ctx);

    qsort(samples, (size_t)count, sizeof(uint64_t), perf_cmp_u64);
    printf("handshake count: %ld\n", count);
    printf("elapsed: %.3f [ms]\n", (double)elapsed / 1e6);
    printf("handshakes per second: %.1f [1/s]\n", (double)count * 1e9 / (double)elapsed);
    printf("p50: %.3f [us]\n", (double)perf_percentile(samples, count, 50.0) / 1000.0);
    printf("p99: %.3f [us]\n", (double)perf_percentile(samples, count, 99.0) / 1000.0);
    printf("max: %.3f [us]\n", (double)samples[count - 1] / 1000.0);
    free(samples);
    return 0;
}
