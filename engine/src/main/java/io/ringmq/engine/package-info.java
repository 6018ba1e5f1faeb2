/**
 * The public API of ringmq: {@link io.ringmq.engine.Context}, {@link io.ringmq.engine.Socket},
 * {@link io.ringmq.engine.SocketOption}, {@link io.ringmq.engine.Status}, {@link io.ringmq.engine.Poller} and
 * {@link io.ringmq.engine.Proxy}, with the engine's own value types for what a user names:
 * {@link io.ringmq.engine.SocketType}, {@link io.ringmq.engine.WaitStrategy}, {@link io.ringmq.engine.CurveKeyPair}
 * and {@link io.ringmq.engine.EndpointUri}. No lower module's type appears in a public signature (the tests'
 * {@code PublicApiTest} holds that); Agrona's buffers and clock are the only foreign ones.
 *
 * <p>Everything else in the package is the patterns' machinery, package-private: one {@code Pattern} per socket
 * type over {@code Link}s (a socket's end of a pipe), with the strategies libzmq names lb (load-balance), fq
 * (fair-queue), dist (distribute over a subscription trie) and the router's table. Patterns run on the calling
 * thread; nothing here starts a thread.
 */
package io.ringmq.engine;
