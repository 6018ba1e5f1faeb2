package io.ringmq.transports.agent;

import io.ringmq.transports.connections.ChannelConnection;

/**
 * Lets tests in the other transport packages reach the agent's test-only controls, which stay package-private in
 * the main code.
 */
public final class AgentProbe
{
    private AgentProbe()
    {
    }

    /**
     * Parks of {@code agent} may last up to {@code nanos}: for tests that must tell a wake-up from the park's own
     * time limit.
     */
    public static void maxParkNs(final IoAgent agent, final long nanos)
    {
        agent.maxParkNs(nanos);
    }

    /**
     * @return the connection at {@code index} in the agent's list (call it on the thread that drives the agent).
     */
    public static ChannelConnection connection(final IoAgent agent, final int index)
    {
        return agent.connection(index);
    }
}
