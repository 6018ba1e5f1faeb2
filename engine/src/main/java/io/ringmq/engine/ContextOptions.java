package io.ringmq.engine;

import java.util.BitSet;

/**
 * A context's option values (libzmq's zmq_ctx_set options), with libzmq's defaults. {@link ContextOption}'s table
 * validates and stores them; the context reads them under its lock.
 */
final class ContextOptions
{
    int ioThreads = 1;
    int maxSockets = 1023;
    int maxMsgSz = Integer.MAX_VALUE;
    boolean ipv6;
    boolean blocky = true;
    String threadNamePrefix = "";
    /** CPUs every I/O thread may run on (THREAD_AFFINITY_CPU_ADD/REMOVE); empty = the operating system's choice. */
    final BitSet threadCpus = new BitSet();
    int threadPriority = -1;
    int threadSchedPolicy = -1;

    ContextOptions copy()
    {
        final ContextOptions copy = new ContextOptions();
        copy.ioThreads = ioThreads;
        copy.maxSockets = maxSockets;
        copy.maxMsgSz = maxMsgSz;
        copy.ipv6 = ipv6;
        copy.blocky = blocky;
        copy.threadNamePrefix = threadNamePrefix;
        copy.threadCpus.or(threadCpus);
        copy.threadPriority = threadPriority;
        copy.threadSchedPolicy = threadSchedPolicy;
        return copy;
    }
}
