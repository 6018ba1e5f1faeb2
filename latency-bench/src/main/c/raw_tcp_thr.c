/*
 * raw_tcp_thr bind|connect <endpoint> <message-size> <message-count> [write-bytes [min-bytes]]
 *
 * The throughput floor: plain TCP streaming of message-count x message-size bytes. `connect` writes them in
 * writes of write-bytes (default 65536, rounded down to whole messages; give message-size for one write per
 * message); `bind` reads into a large buffer, times from the first byte to the last and prints local_thr's 4
 * lines. Batched writes are what libzmq's own engine does (it gathers messages into one write), so the default
 * is the physical limit of loopback TCP on this machine, not a naive per-message loop.
 *
 * A stream shorter than min-bytes (default 128 MiB) is lengthened to that many bytes by sending more messages of
 * the same size, and the `message count` line says how many were sent: a million 1-byte messages are 1 MB, which
 * loopback moves in well under a millisecond, mostly inside the first read, so the rate would be noise. Both sides
 * must be given the same arguments (the harness's template does that).
 */
#include "raw_tcp_common.h"

static const char *PROG = "raw_tcp_thr";

#define READ_BUFFER (256 * 1024)

int main(int argc, char **argv)
{
    if (argc < 5 || argc > 7 || (strcmp(argv[1], "bind") != 0 && strcmp(argv[1], "connect") != 0))
    {
        fprintf(stderr, "usage: %s bind|connect <endpoint> <message-size> <message-count> [write-bytes [min-bytes]]\n",
                PROG);
        return 2;
    }
    int binding = strcmp(argv[1], "bind") == 0;
    const char *endpoint = argv[2];
    long size = perf_parse_count(PROG, "message size", argv[3], 1);
    long count = perf_parse_count(PROG, "message count", argv[4], 1);
    long chunk = argc >= 6 ? perf_parse_count(PROG, "write bytes", argv[5], 1) : 65536;
    long min_bytes = argc == 7 ? perf_parse_count(PROG, "min bytes", argv[6], 0) : 128L * 1024 * 1024;
    if ((unsigned long long)size * (unsigned long long)count < (unsigned long long)min_bytes)
    {
        count = (min_bytes + size - 1) / size;
    }
    unsigned long long total = (unsigned long long)size * (unsigned long long)count;

    if (binding)
    {
        char *buf = malloc(READ_BUFFER);
        int fd = raw_accept_one(PROG, endpoint);
        if (fd < 0 || buf == NULL)
        {
            return 1;
        }
        unsigned long long got = 0;
        uint64_t start = 0;
        while (got < total)
        {
            size_t want = total - got < READ_BUFFER ? (size_t)(total - got) : READ_BUFFER;
            ssize_t n = read(fd, buf, want);
            if (n <= 0)
            {
                if (n < 0 && errno == EINTR)
                {
                    continue;
                }
                fprintf(stderr, "%s: peer went away after %llu of %llu bytes\n", PROG, got, total);
                return 1;
            }
            if (got == 0)
            {
                start = perf_now_ns(); /* as local_thr: from the first message received */
            }
            got += (unsigned long long)n;
        }
        uint64_t elapsed = perf_now_ns() - start;
        close(fd);
        perf_print_throughput(size, count, elapsed);
        return 0;
    }

    long per_write = chunk / size;
    if (per_write < 1)
    {
        per_write = 1;
    }
    size_t wlen = (size_t)(per_write * size);
    char *buf = calloc(wlen, 1);
    int fd = raw_connect_retry(PROG, endpoint);
    if (fd < 0 || buf == NULL)
    {
        return 1;
    }
    unsigned long long left = total;
    while (left > 0)
    {
        size_t n = left < wlen ? (size_t)left : wlen;
        if (raw_write_full(fd, buf, n) != 0)
        {
            fprintf(stderr, "%s: write: %s\n", PROG, strerror(errno));
            return 1;
        }
        left -= n;
    }
    /* Half-close, then wait for the reader's close: exit only once everything was consumed, like a zmq linger. */
    shutdown(fd, SHUT_WR);
    char sink[64];
    while (read(fd, sink, sizeof sink) > 0)
    {
    }
    close(fd);
    return 0;
}
