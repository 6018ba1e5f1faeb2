package io.ringmq.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * No thread per socket, connection or ring: 1,000 inproc connections, each used both ways, add no thread, and their
 * memory is small (rings start at 32 slots). The bounds are generous on purpose; the measured figures are in
 * {@code engine/README.md}.
 */
@Timeout(60)
class ThousandConnectionsTest
{
    private static final int CONNECTIONS = 1_000;
    private static final long MAX_HEAP_GROWTH = 64L << 20;
    private static final long MAX_DIRECT_GROWTH = 64L << 20;

    @Test
    void thousandInprocConnectionsAddNoThreadAndLittleMemory() throws Exception
    {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final int threadsBefore = threads.getThreadCount();
        final long heapBefore = usedHeap();
        final long directBefore = usedDirect();

        try (Context context = Context.create(); Socket router = context.socket(SocketType.ROUTER))
        {
            router.bind("inproc://many");
            final List<Socket> dealers = new ArrayList<>(CONNECTIONS);
            for (int i = 0; i < CONNECTIONS; i++)
            {
                final Socket dealer = context.socket(SocketType.DEALER);
                dealer.setOption(SocketOption.ROUTING_ID, ("d" + i).getBytes());
                dealer.connect("inproc://many");
                dealer.send("hello " + i);
                dealers.add(dealer);
            }
            for (int i = 0; i < CONNECTIONS; i++)
            {
                final byte[] id = router.recv();
                final String hello = router.recvString();
                assertEquals(new String(id).substring(1), hello.substring(6));
                router.sendMore(id);
                router.send("welcome");
            }
            for (final Socket dealer : dealers)
            {
                assertEquals("welcome", dealer.recvString());
            }
            assertEquals(CONNECTIONS, router.links().size());

            assertTrue(threads.getThreadCount() <= threadsBefore,
                "threads before " + threadsBefore + ", with 1,000 connections " + threads.getThreadCount());
            final long heapGrowth = usedHeap() - heapBefore;
            final long directGrowth = usedDirect() - directBefore;
            assertTrue(heapGrowth < MAX_HEAP_GROWTH, "heap grew by " + heapGrowth);
            assertTrue(directGrowth < MAX_DIRECT_GROWTH, "direct memory grew by " + directGrowth);
            System.out.printf(
                "1,000 inproc connections used both ways: heap +%d KiB, direct +%d KiB, threads %d -> %d%n",
                heapGrowth >> 10, directGrowth >> 10, threadsBefore, threads.getThreadCount());

            for (final Socket dealer : dealers)
            {
                dealer.close();
            }
        }
    }

    private static long usedHeap() throws InterruptedException
    {
        for (int i = 0; i < 3; i++)
        {
            System.gc();
            Thread.sleep(50);
        }
        final Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static long usedDirect()
    {
        for (final BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class))
        {
            if ("direct".equals(pool.getName()))
            {
                return pool.getMemoryUsed();
            }
        }
        return 0;
    }
}
