/**
 * Security mechanisms as pure state machines (no I/O, no threads): NULL now; PLAIN, CURVE and the ZAP codec
 * with the security work. The stream engine in {@code transports} pumps handshake commands through a
 * {@link io.ringmq.crypto.SecurityMechanism} until it is ready, then lets it wrap and unwrap messages.
 */
package io.ringmq.crypto;
