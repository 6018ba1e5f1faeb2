/*
 * Shared helpers of the side-by-side peers: argument parsing, the monotonic clock and the report lines.
 *
 * The report lines are the contract of ../../../../../shared/specs/cli.md (libzmq's perf tools' first lines, then
 * percentile lines), so one parser in the Java harness reads libzmq peers, the raw floor, JeroMQ and ringmq alike.
 * Header-only on purpose: each program is one translation unit compiled with a plain `gcc -O2 x.c`.
 */
#ifndef RINGMQ_PERF_COMMON_H
#define RINGMQ_PERF_COMMON_H

#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static inline uint64_t perf_now_ns(void)
{
    struct timespec ts;
    /* CLOCK_MONOTONIC goes through the vDSO: ~20 ns, no syscall, so timing each round trip costs nothing measurable. */
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* Strict positive-integer parse: a typo in a count must stop the run, not measure something else. */
static inline long perf_parse_count(const char *prog, const char *what, const char *text, long min)
{
    char *end = NULL;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || v < min || v > INT_MAX)
    {
        fprintf(stderr, "%s: bad %s '%s'\n", prog, what, text);
        exit(2);
    }
    return v;
}

/*
 * The optional trailing `--warmup N` of remote_lat (cli.md): N untimed round trips before the timed ones, kept out
 * of the average and the percentiles; the echo side must then be given roundtrip-count + N. Returns N (0 without
 * the option); exits 2 on anything else after the positional arguments.
 */
static inline long perf_parse_warmup(const char *prog, int argc, char **argv, int first)
{
    if (argc == first)
    {
        return 0;
    }
    if (argc == first + 2 && strcmp(argv[first], "--warmup") == 0)
    {
        return perf_parse_count(prog, "warmup count", argv[first + 1], 0);
    }
    fprintf(stderr, "%s: unexpected argument '%s' (only --warmup N may follow)\n", prog, argv[first]);
    exit(2);
}

static int perf_cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : (x > y ? 1 : 0);
}

/*
 * Value at a percentile by nearest rank over the sorted samples: the smallest recorded value such that at least
 * p% of all samples are <= it. HdrHistogram's getValueAtPercentile answers the same question (to its precision),
 * so C and Java peers print comparable figures.
 */
static inline uint64_t perf_percentile(const uint64_t *sorted, long n, double p)
{
    double rank = (p / 100.0) * (double)n;
    long idx = (long)rank;
    if ((double)idx < rank)
    {
        idx++;
    }
    idx -= 1;
    if (idx < 0)
    {
        idx = 0;
    }
    if (idx >= n)
    {
        idx = n - 1;
    }
    return sorted[idx];
}

/* remote_lat's 9 lines: libzmq's 3 (average is one-way: elapsed / 2 / roundtrips) then the round-trip percentiles. */
static inline void perf_print_latency(long size, long count, uint64_t elapsed_ns, uint64_t *samples_ns)
{
    qsort(samples_ns, (size_t)count, sizeof(uint64_t), perf_cmp_u64);
    printf("message size: %ld [B]\n", size);
    printf("roundtrip count: %ld\n", count);
    printf("average latency: %.3f [us]\n", (double)elapsed_ns / 1000.0 / (2.0 * (double)count));
    static const double ps[] = {50.0, 90.0, 99.0, 99.9, 99.99};
    static const char *names[] = {"p50", "p90", "p99", "p99.9", "p99.99"};
    for (int i = 0; i < 5; i++)
    {
        printf("%s: %.3f [us]\n", names[i], (double)perf_percentile(samples_ns, count, ps[i]) / 1000.0);
    }
    printf("max: %.3f [us]\n", (double)samples_ns[count - 1] / 1000.0);
    fflush(stdout);
}

/* local_thr's 4 lines, computed as libzmq computes them (integer msg/s, then Mb/s from that integer). */
static inline void perf_print_throughput(long size, long count, uint64_t elapsed_ns)
{
    if (elapsed_ns == 0)
    {
        elapsed_ns = 1; /* one message: avoid a division by zero, the figure is meaningless anyway */
    }
    unsigned long msgs = (unsigned long)((double)count * 1e9 / (double)elapsed_ns);
    double mbits = (double)msgs * (double)size * 8.0 / 1e6;
    printf("message size: %ld [B]\n", size);
    printf("message count: %ld\n", count);
    printf("mean throughput: %lu [msg/s]\n", msgs);
    printf("mean throughput: %.3f [Mb/s]\n", mbits);
    fflush(stdout);
}

#endif
