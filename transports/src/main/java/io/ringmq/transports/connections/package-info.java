/**
 * Connections: one connected tcp or ipc channel each, owned by the I/O agent that polls it, decoding into and
 * encoding from the socket's pipe. A ZMTP connection runs the {@code zmtp} package's engine; a STREAM socket's
 * carries raw bytes. A connection knows its agent only as a {@link io.ringmq.transports.connections.ConnectionHost}
 * and its listener or connector only as a {@link io.ringmq.transports.connections.ConnectionOrigin}. The rings
 * between sockets and connections live in {@code io.ringmq.rings}; this is how a connection uses them.
 *
 * <h2>How a connection plugs into a socket</h2>
 * A {@link io.ringmq.rings.Pipe} joins two parties. For inproc both are sockets; for tcp/ipc one end belongs to
 * the socket (the engine wraps it in a link and routes over it on the application's thread) and the other to the
 * connection, owned by the I/O agent that polls it. The contract, for whoever writes the stream engine:
 * <ul>
 *   <li><b>Writing inbound messages</b> (wire → socket): {@code tryClaim()} — {@code FULL} means the socket's
 *   high-water mark is reached, so stop reading the channel (back-pressure; never block the agent, never buffer
 *   unboundedly) and retry on a later duty cycle; {@code CLOSED} means the socket went away — then
 *   {@code append} each decoded frame and {@code publish()} after the frame without MORE. Frames are copied once,
 *   from the receive buffer into the slot (or a pooled buffer for large messages).</li>
 *   <li><b>Reading outbound messages</b> (socket → wire): each duty cycle, {@code beginRead()} returns the frame
 *   count of the next message (0 = nothing), {@code nextFrame(view)} wraps each frame for the encoder; the slot is
 *   handed back at the next {@code beginRead()} (or {@code release()}), so a frame view stays valid while the
 *   encoder (and CURVE) works on it. When the socket buffer is full, stop reading the pipe.</li>
 *   <li><b>Waking</b>: {@code waker(Waker)} on the agent's end makes socket-side publishes poke the agent; an agent
 *   using {@link io.ringmq.rings.BlockingIdleStrategy} passes the strategy itself and is unparked only when its
 *   flag says it is parked. The socket side installs its own waker, so publishes from the agent wake a socket
 *   blocked in recv.</li>
 *   <li><b>Metadata</b>: after the handshake, {@code metadata(Metadata)} on the agent's end with Socket-Type,
 *   Peer-Address, User-Id and ZAP properties; every message the agent publishes then carries it.</li>
 *   <li><b>Subscriptions</b>: the engine's PUB/XPUB read subscriptions from the pipe as one-frame messages whose
 *   first byte is 1 (subscribe) or 0 (cancel), and SUB/XSUB write them so. The stream engine translates to and
 *   from ZMTP 3.1's SUBSCRIBE/CANCEL commands for 3.1 peers and passes the 3.0 data-frame form through.</li>
 *   <li><b>Closing</b>: {@code close()} on the agent's end when the connection dies: the socket still reads what
 *   was published, then forgets the link. The socket closing is seen as {@code CLOSED} on claim and
 *   {@code isDrainedAndPeerClosed()} once its last messages were read.</li>
 * </ul>
 * Rings are single-producer: one thread writes each direction at a time (a socket handed to another thread, or a
 * connection moved between agents, needs a happens-before edge, as a queue gives).
 */
package io.ringmq.transports.connections;
