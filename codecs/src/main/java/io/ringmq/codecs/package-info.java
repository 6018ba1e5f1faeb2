/**
 * The ZMTP wire and nothing else: flyweights and streaming decoders over Agrona buffers.
 * No I/O, no threads, no knowledge of sockets.
 */
package io.ringmq.codecs;
