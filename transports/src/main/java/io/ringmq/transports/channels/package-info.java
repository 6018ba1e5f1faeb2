/**
 * tcp and ipc endpoints: parsing them ({@link io.ringmq.transports.channels.Endpoint}), binding and accepting
 * ({@link io.ringmq.transports.channels.TcpListener}, with the accept filters and handshake limits), connecting and
 * reconnecting with back-off ({@link io.ringmq.transports.channels.TcpConnector}), and the socket options applied
 * to every channel. Both hand each channel to a new connection on the same agent.
 */
package io.ringmq.transports.channels;
