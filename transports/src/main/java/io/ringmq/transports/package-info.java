/**
 * Bytes on and off the machine, by concern: {@code agent} (the I/O threads), {@code channels} (tcp and ipc
 * endpoints, listeners, connectors), {@code connections} (a connected channel and its pipe to the socket) and
 * {@code zmtp} (the protocol of one connection, without I/O).
 * <p>
 * This package holds what all of them read: the socket's options as the transports obey them
 * ({@link io.ringmq.transports.TransportOptions}, snapshotted per bind or connect in
 * {@link io.ringmq.transports.ConnectionConfig}), the monitor events they report
 * ({@link io.ringmq.transports.TransportEvent}, {@link io.ringmq.transports.Errno}), and
 * {@link io.ringmq.transports.SelectionHandler}, what an agent's selector keys are attached to. It depends only on
 * {@code zmtp}, so the packages form no cycle.
 */
package io.ringmq.transports;
