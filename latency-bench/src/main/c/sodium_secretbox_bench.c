/*
 * sodium_secretbox_bench [seconds-per-case]
 *
 * libsodium's crypto_secretbox_easy / crypto_secretbox_open_easy (XSalsa20 + Poly1305, what libzmq's CURVE uses per
 * MESSAGE) at 64 B and 1 KiB, ns per operation: the C reference for SecretBoxBenchmark's seal and open
 * (CURVE.md). One thread, a tight loop timed with CLOCK_MONOTONIC, best of 5 rounds.
 */
#include "perf_common.h"
#include <sodium.h>

static unsigned char key[crypto_secretbox_KEYBYTES];
static unsigned char nonce[crypto_secretbox_NONCEBYTES];
static unsigned char plain[4096];
static unsigned char boxed[4096 + crypto_secretbox_MACBYTES];
static unsigned char opened[4096];

static double run(int open, size_t size, double seconds)
{
    double best = 1e30;
    crypto_secretbox_easy(boxed, plain, size, nonce, key);
    for (int round = 0; round < 5; round++)
    {
        long n = 0;
        uint64_t start = perf_now_ns(), deadline = start + (uint64_t)(seconds * 1e9 / 5);
        uint64_t now;
        do
        {
            for (int i = 0; i < 1000; i++)
            {
                if (open)
                {
                    if (crypto_secretbox_open_easy(opened, boxed, size + crypto_secretbox_MACBYTES, nonce, key) != 0)
                    {
                        fprintf(stderr, "open failed\n");
                        exit(1);
                    }
                }
                else
                {
                    crypto_secretbox_easy(boxed, plain, size, nonce, key);
                }
            }
            n += 1000;
            now = perf_now_ns();
        }
        while (now < deadline);
        double ns = (double)(now - start) / (double)n;
        if (ns < best)
        {
            best = ns;
        }
    }
    return best;
}

int main(int argc, char **argv)
{
    double seconds = argc > 1 ? atof(argv[1]) : 2.0;
    if (sodium_init() < 0)
    {
        return 1;
    }
    randombytes_buf(key, sizeof key);
    randombytes_buf(nonce, sizeof nonce);
    size_t sizes[] = {64, 1024};
    for (int s = 0; s < 2; s++)
    {
        printf("seal %zu: %.1f [ns/op]\n", sizes[s], run(0, sizes[s], seconds));
        printf("open %zu: %.1f [ns/op]\n", sizes[s], run(1, sizes[s], seconds));
    }
    return 0;
}
