/**
 * The I/O threads: each {@link io.ringmq.transports.agent.IoAgent} runs commands from sockets, polls its selector
 * and hands every ready key to its {@link io.ringmq.transports.SelectionHandler}, then runs each connection's duty
 * cycle. {@link io.ringmq.transports.agent.IoThreads} is a context's fixed set of agents. The agent keeps its
 * connections, their pooled buffers and their supervision (one connection's failure costs that connection only) in
 * a registry the connections see as their {@link io.ringmq.transports.connections.ConnectionHost}.
 */
package io.ringmq.transports.agent;
