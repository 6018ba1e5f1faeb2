/*
 * raw_tcp_lat bind|connect <endpoint> <message-size> <roundtrip-count> [--warmup N]
 *
 * The latency floor: a plain TCP ping-pong of message-size bytes with TCP_NODELAY, blocking read/write, no
 * framing (the size is fixed, so none is needed) and no library. `bind` echoes (local_lat's part, prints
 * nothing); `connect` times every round trip and prints exactly remote_lat's 9 lines, so the harness parses it
 * as any other contender. Whatever a messaging library adds on loopback is the distance from these figures.
 * `--warmup N` (connect side) makes N untimed round trips first; the bind side is then given roundtrip-count + N.
 */
#include "raw_tcp_common.h"

static const char *PROG = "raw_tcp_lat";

int main(int argc, char **argv)
{
    if ((argc != 5 && argc != 7) || (strcmp(argv[1], "bind") != 0 && strcmp(argv[1], "connect") != 0))
    {
        fprintf(stderr, "usage: %s bind|connect <endpoint> <message-size> <roundtrip-count> [--warmup N]\n", PROG);
        return 2;
    }
    int binding = strcmp(argv[1], "bind") == 0;
    const char *endpoint = argv[2];
    long size = perf_parse_count(PROG, "message size", argv[3], 1);
    long count = perf_parse_count(PROG, "roundtrip count", argv[4], 1);
    long warmup = perf_parse_warmup(PROG, argc, argv, 5);

    char *buf = calloc((size_t)size, 1);
    uint64_t *samples = binding ? NULL : calloc((size_t)count, sizeof(uint64_t));
    if (buf == NULL || (!binding && samples == NULL))
    {
        fprintf(stderr, "%s: out of memory\n", PROG);
        return 1;
    }

    int fd = binding ? raw_accept_one(PROG, endpoint) : raw_connect_retry(PROG, endpoint);
    if (fd < 0)
    {
        return 1;
    }

    if (binding)
    {
        for (long i = 0; i < count; i++)
        {
            if (raw_read_full(fd, buf, (size_t)size) != 0 || raw_write_full(fd, buf, (size_t)size) != 0)
            {
                fprintf(stderr, "%s: peer went away after %ld round trips\n", PROG, i);
                return 1;
            }
        }
        close(fd);
        return 0;
    }

    for (long i = 0; i < warmup; i++)
    {
        if (raw_write_full(fd, buf, (size_t)size) != 0 || raw_read_full(fd, buf, (size_t)size) != 0)
        {
            fprintf(stderr, "%s: peer went away in warm-up round trip %ld\n", PROG, i);
            return 1;
        }
    }

    uint64_t start = perf_now_ns();
    uint64_t prev = start;
    for (long i = 0; i < count; i++)
    {
        if (raw_write_full(fd, buf, (size_t)size) != 0 || raw_read_full(fd, buf, (size_t)size) != 0)
        {
            fprintf(stderr, "%s: peer went away after %ld round trips\n", PROG, i);
            return 1;
        }
        uint64_t now = perf_now_ns();
        samples[i] = now - prev;
        prev = now;
    }
    uint64_t elapsed = prev - start;
    close(fd);
    perf_print_latency(size, count, elapsed, samples);
    return 0;
}
