/**
 * The ZMTP protocol of one connection without I/O: {@link io.ringmq.transports.zmtp.StreamEngine} takes the bytes
 * a connection read and gives back the bytes to write, and tells its
 * {@link io.ringmq.transports.zmtp.StreamEngineListener} of the handshake, frames, subscriptions and failure. Every
 * deadline reads the time the caller passes in, so tests drive the clock.
 */
package io.ringmq.transports.zmtp;
