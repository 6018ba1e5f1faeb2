package io.ringmq.transports;

/**
 * What an I/O agent's selector key is attached to: a connection, a listener or a connector. The agent hands each
 * selected key to its handler, so it needs to know no kind of channel, and tells the handler when that call threw,
 * so the handler decides what its failure costs.
 */
public interface SelectionHandler
{
    /**
     * The channel is ready: read, write, accept or finish connecting, by {@code readyOps}. Runs on the agent's
     * thread and must not allocate on the data path.
     *
     * @param readyOps the key's ready set ({@link java.nio.channels.SelectionKey#OP_READ} and so on).
     * @param nowNs    the time this duty cycle read, for every deadline the handler sets.
     */
    void onSelected(int readyOps, long nowNs);

    /**
     * {@link #onSelected} threw. A connection closes itself alone and the agent goes on serving the others; a
     * listener or connector has no smaller unit to give up, so it lets the failure go on up to the agent's duty
     * cycle.
     */
    void onSelectionFailed(Throwable failure);
}
