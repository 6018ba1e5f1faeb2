/*
 * Plain TCP helpers of the raw floor: endpoint parsing (the same tcp://HOST:PORT the zmq peers take, so one
 * command template feeds every contender), listen/accept, connect with retry, and full reads/writes.
 */
#ifndef RINGMQ_RAW_TCP_COMMON_H
#define RINGMQ_RAW_TCP_COMMON_H

#include "perf_common.h"
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

/* Splits tcp://HOST:PORT (HOST may be '*' or [v6]) into host and port; '*' becomes NULL (every interface). */
static int raw_parse_endpoint(const char *prog, const char *endpoint, char *host, size_t host_len, char *port,
                              size_t port_len)
{
    if (strncmp(endpoint, "tcp://", 6) != 0)
    {
        fprintf(stderr, "%s: only tcp://HOST:PORT endpoints, not '%s'\n", prog, endpoint);
        return -1;
    }
    const char *rest = endpoint + 6;
    const char *colon = strrchr(rest, ':');
    if (colon == NULL || colon == rest || colon[1] == '\0')
    {
        fprintf(stderr, "%s: bad endpoint '%s'\n", prog, endpoint);
        return -1;
    }
    size_t hl = (size_t)(colon - rest);
    if (rest[0] == '[' && hl >= 2 && rest[hl - 1] == ']')
    {
        rest++;
        hl -= 2;
    }
    if (hl >= host_len || strlen(colon + 1) >= port_len)
    {
        fprintf(stderr, "%s: bad endpoint '%s'\n", prog, endpoint);
        return -1;
    }
    memcpy(host, rest, hl);
    host[hl] = '\0';
    strcpy(port, colon + 1);
    return 0;
}

static struct addrinfo *raw_resolve(const char *prog, const char *endpoint, int passive)
{
    char host[256], port[32];
    if (raw_parse_endpoint(prog, endpoint, host, sizeof host, port, sizeof port) != 0)
    {
        return NULL;
    }
    struct addrinfo hints;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = passive ? AI_PASSIVE : 0;
    struct addrinfo *res = NULL;
    int rc = getaddrinfo(strcmp(host, "*") == 0 ? NULL : host, port, &hints, &res);
    if (rc != 0)
    {
        fprintf(stderr, "%s: cannot resolve '%s': %s\n", prog, endpoint, gai_strerror(rc));
        return NULL;
    }
    return res;
}

static void raw_nodelay(int fd)
{
    /* As libzmq and ringmq always do: no Nagle, each small write leaves at once. */
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

/* Listens on the endpoint and accepts exactly one peer; the listener is closed so nothing else can join. */
static int raw_accept_one(const char *prog, const char *endpoint)
{
    struct addrinfo *ai = raw_resolve(prog, endpoint, 1);
    if (ai == NULL)
    {
        return -1;
    }
    int lfd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
    int one = 1;
    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (lfd < 0 || bind(lfd, ai->ai_addr, ai->ai_addrlen) != 0 || listen(lfd, 1) != 0)
    {
        fprintf(stderr, "%s: bind %s: %s\n", prog, endpoint, strerror(errno));
        freeaddrinfo(ai);
        return -1;
    }
    freeaddrinfo(ai);
    int fd = accept(lfd, NULL, NULL);
    if (fd < 0)
    {
        fprintf(stderr, "%s: accept: %s\n", prog, strerror(errno));
        return -1;
    }
    close(lfd);
    raw_nodelay(fd);
    return fd;
}

/* Connects, retrying every 10 ms for up to 30 s while the peer is not yet listening, as a zmq connect would. */
static int raw_connect_retry(const char *prog, const char *endpoint)
{
    struct addrinfo *ai = raw_resolve(prog, endpoint, 0);
    if (ai == NULL)
    {
        return -1;
    }
    for (int attempt = 0; attempt < 3000; attempt++)
    {
        int fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
        if (fd >= 0 && connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
        {
            freeaddrinfo(ai);
            raw_nodelay(fd);
            return fd;
        }
        int err = errno;
        if (fd >= 0)
        {
            close(fd);
        }
        if (err != ECONNREFUSED && err != EAGAIN && err != ETIMEDOUT)
        {
            fprintf(stderr, "%s: connect %s: %s\n", prog, endpoint, strerror(err));
            break;
        }
        struct timespec ts = {0, 10 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    freeaddrinfo(ai);
    fprintf(stderr, "%s: could not connect to %s\n", prog, endpoint);
    return -1;
}

static int raw_read_full(int fd, char *buf, size_t len)
{
    size_t got = 0;
    while (got < len)
    {
        ssize_t n = read(fd, buf + got, len - got);
        if (n > 0)
        {
            got += (size_t)n;
        }
        else if (n == 0 || errno != EINTR)
        {
            return -1;
        }
    }
    return 0;
}

static int raw_write_full(int fd, const char *buf, size_t len)
{
    size_t put = 0;
    while (put < len)
    {
        ssize_t n = write(fd, buf + put, len - put);
        if (n > 0)
        {
            put += (size_t)n;
        }
        else if (n < 0 && errno != EINTR)
        {
            return -1;
        }
    }
    return 0;
}

#endif
