/*
 * Options after the positional arguments of the libzmq perf peers (zmq_{local,remote}_{lat,thr}), shared so that
 * every peer takes the same ones, spelled as ringmq's perf tools spell them (cli.md):
 *
 *   --warmup N               remote_lat only: N untimed round trips first
 *   --curve-server           (bind side) be a CURVE server; implied by --curve-secret without --curve-server-key
 *   --curve-secret Z85       the server's secret key (bind side), or the client's own secret (connect side)
 *   --curve-server-key Z85   (connect side) be a CURVE client of the server with this public key; the client's own
 *                            key pair is fresh (zmq_curve_keypair) unless --curve-secret gives it
 *
 * The same keys may come from the environment instead: ZMQ_PERF_CURVE_SECRET, ZMQ_PERF_CURVE_SERVER_KEY (an option
 * on the command line wins). Without any of them the socket uses NULL, as before. Options are applied before
 * bind/connect, as libzmq requires.
 */
#ifndef RINGMQ_ZMQ_PERF_OPTS_H
#define RINGMQ_ZMQ_PERF_OPTS_H

#include "perf_common.h"
#include <zmq.h>

typedef struct
{
    long warmup;
    int curve_server;
    const char *curve_secret;
    const char *curve_server_key;
} zperf_opts;

static inline void zperf_check_key(const char *prog, const char *what, const char *z85)
{
    if (z85 == NULL || strlen(z85) != 40)
    {
        fprintf(stderr, "%s: bad %s '%s' (40 Z85 characters expected)\n", prog, what, z85 == NULL ? "" : z85);
        exit(2);
    }
}

static inline void zperf_parse(const char *prog, int argc, char **argv, int first, int allow_warmup, zperf_opts *o)
{
    memset(o, 0, sizeof(*o));
    for (int i = first; i < argc; i++)
    {
        if (allow_warmup && strcmp(argv[i], "--warmup") == 0 && i + 1 < argc)
        {
            o->warmup = perf_parse_count(prog, "warmup count", argv[++i], 0);
        }
        else if (strcmp(argv[i], "--curve-server") == 0)
        {
            o->curve_server = 1;
        }
        else if (strcmp(argv[i], "--curve-secret") == 0 && i + 1 < argc)
        {
            o->curve_secret = argv[++i];
        }
        else if (strcmp(argv[i], "--curve-server-key") == 0 && i + 1 < argc)
        {
            o->curve_server_key = argv[++i];
        }
        else
        {
            fprintf(stderr, "%s: unexpected argument '%s'\n", prog, argv[i]);
            exit(2);
        }
    }
    if (o->curve_secret == NULL && getenv("ZMQ_PERF_CURVE_SECRET") != NULL && *getenv("ZMQ_PERF_CURVE_SECRET"))
    {
        o->curve_secret = getenv("ZMQ_PERF_CURVE_SECRET");
    }
    if (o->curve_server_key == NULL && getenv("ZMQ_PERF_CURVE_SERVER_KEY") != NULL &&
        *getenv("ZMQ_PERF_CURVE_SERVER_KEY"))
    {
        o->curve_server_key = getenv("ZMQ_PERF_CURVE_SERVER_KEY");
    }
    if (o->curve_secret != NULL)
    {
        zperf_check_key(prog, "CURVE secret key", o->curve_secret);
    }
    if (o->curve_server_key != NULL)
    {
        zperf_check_key(prog, "CURVE server key", o->curve_server_key);
    }
    if (o->curve_server && o->curve_secret == NULL)
    {
        fprintf(stderr, "%s: --curve-server needs --curve-secret Z85\n", prog);
        exit(2);
    }
    if (o->curve_secret != NULL && o->curve_server_key == NULL)
    {
        o->curve_server = 1;
    }
}

static inline int zperf_setopt(const char *prog, void *sock, int option, const void *value, size_t length,
    const char *name)
{
    if (zmq_setsockopt(sock, option, value, length) != 0)
    {
        fprintf(stderr, "%s: %s: %s\n", prog, name, zmq_strerror(zmq_errno()));
        return -1;
    }
    return 0;
}

/* Applies the security options to a socket before its bind/connect; 0 on success, -1 (message printed) on error. */
static inline int zperf_apply(const char *prog, void *sock, const zperf_opts *o)
{
    if (o->curve_server == 0 && o->curve_server_key == NULL)
    {
        return 0;
    }
    if (!zmq_has("curve"))
    {
        fprintf(stderr, "%s: this libzmq was built without CURVE\n", prog);
        return -1;
    }
    if (o->curve_server_key == NULL)
    {
        int one = 1;
        return zperf_setopt(prog, sock, ZMQ_CURVE_SERVER, &one, sizeof(one), "ZMQ_CURVE_SERVER") ||
               zperf_setopt(prog, sock, ZMQ_CURVE_SECRETKEY, o->curve_secret, 40, "ZMQ_CURVE_SECRETKEY") ? -1 : 0;
    }
    char public_key[41];
    char secret_key[41];
    if (o->curve_secret != NULL)
    {
        memcpy(secret_key, o->curve_secret, 41);
        if (zmq_curve_public(public_key, secret_key) != 0)
        {
            fprintf(stderr, "%s: bad CURVE secret key\n", prog);
            return -1;
        }
    }
    else if (zmq_curve_keypair(public_key, secret_key) != 0)
    {
        fprintf(stderr, "%s: zmq_curve_keypair: %s\n", prog, zmq_strerror(zmq_errno()));
        return -1;
    }
    return zperf_setopt(prog, sock, ZMQ_CURVE_SERVERKEY, o->curve_server_key, 40, "ZMQ_CURVE_SERVERKEY") ||
           zperf_setopt(prog, sock, ZMQ_CURVE_PUBLICKEY, public_key, 40, "ZMQ_CURVE_PUBLICKEY") ||
           zperf_setopt(prog, sock, ZMQ_CURVE_SECRETKEY, secret_key, 40, "ZMQ_CURVE_SECRETKEY") ? -1 : 0;
}

#endif
