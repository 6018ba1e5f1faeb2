/**
 * The public API of ringmq: {@link io.ringmq.engine.Context}, {@link io.ringmq.engine.Socket},
 * {@link io.ringmq.engine.SocketOption}, {@link io.ringmq.engine.Status}, {@link io.ringmq.engine.Poller} and
 * {@link io.ringmq.engine.Proxy}. Everything else in the package is the patterns' machinery, package-private:
 * one {@code Pattern} per socket type over {@code Link}s (a socket's end of a pipe), with the strategies libzmq
 * names lb (load-balance), fq (fair-queue), dist (distribute over a subscription trie) and the router's table.
 * Patterns run on the calling thread; nothing here starts a thread.
 */
package io.ringmq.engine;
