package io.ringmq.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The listener's accept filters, as libzmq's: TCP_ACCEPT_FILTER for tcp, IPC_FILTER_UID/GID for ipc (through the
 * JDK's SO_PEERCRED). A refused peer is closed unread with an ACCEPT_FAILED event; an admitted one is served.
 */
@Timeout(60)
class AcceptFilterTest
{
    private final List<String> refusals = new CopyOnWriteArrayList<>();
    private Context context;

    @TempDir
    Path dir;

    @BeforeEach
    void start()
    {
        context = Context.builder().ioThreads(1).idleStrategy(WaitStrategy.BLOCK).build();
    }

    @AfterEach
    void stop()
    {
        context.close();
    }

    private Socket pull()
    {
        final Socket pull = context.socket(SocketType.PULL);
        pull.setOption(SocketOption.RCVTIMEO, 10_000);
        pull.monitor(new MonitorEvent.Listener()
        {
            @Override
            public void onEvent(final int event, final long value, final String endpoint)
            {
                onEvent(event, value, endpoint, null);
            }

            @Override
            public void onEvent(final int event, final long value, final String endpoint, final String detail)
            {
                refusals.add(String.valueOf(detail));
            }
        }, MonitorEvent.ACCEPT_FAILED);
        return pull;
    }

    /** Sends "hello" from a new PUSH connected to {@code endpoint}. */
    private Socket push(final String endpoint)
    {
        final Socket push = context.socket(SocketType.PUSH);
        push.setOption(SocketOption.LINGER, 0);
        push.connect(endpoint);
        push.send("hello");
        return push;
    }

    private void awaitRefusal(final String filter) throws InterruptedException
    {
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (refusals.stream().noneMatch(r -> r.contains(filter)) && System.nanoTime() < deadline)
        {
            Thread.sleep(10);
        }
        assertTrue(refusals.stream().anyMatch(r -> r.contains(filter)), "refused by " + filter + ": " + refusals);
    }

    @Test
    void tcpAcceptFilterAdmitsOnlyPeersInsideAMask() throws Exception
    {
        try (Socket closed = pull(); Socket open = pull())
        {
            closed.setOption(SocketOption.TCP_ACCEPT_FILTER, "10.1.2.0/24");
            closed.bind("tcp://127.0.0.1:*");
            try (Socket pusher = push(closed.lastEndpoint()))
            {
                awaitRefusal("TCP_ACCEPT_FILTER");
            }

            open.setOption(SocketOption.TCP_ACCEPT_FILTER, "10.1.2.0/24");
            open.setOption(SocketOption.TCP_ACCEPT_FILTER, "127.0.0.0/8");
            open.bind("tcp://127.0.0.1:*");
            try (Socket pusher = push(open.lastEndpoint()))
            {
                assertEquals("hello", open.recvString(), "a peer inside one of the masks is served");
            }

            refusals.clear();
            try (Socket cleared = pull())
            {
                cleared.setOption(SocketOption.TCP_ACCEPT_FILTER, "10.1.2.0/24");
                cleared.setOption(SocketOption.TCP_ACCEPT_FILTER, "");
                cleared.bind("tcp://127.0.0.1:*");
                try (Socket pusher = push(cleared.lastEndpoint()))
                {
                    assertEquals("hello", cleared.recvString(), "the empty filter clears the list");
                }
            }
            assertEquals(List.of(), refusals);
        }
    }

    @Test
    void ipcFiltersAdmitOnlyThePeersUserOrGroup() throws Exception
    {
        final int uid = (Integer)Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        final int gid = (Integer)Files.getAttribute(Path.of("/proc/self"), "unix:gid");
        try (Socket stranger = pull(); Socket ownUser = pull(); Socket ownGroup = pull())
        {
            stranger.setOption(SocketOption.IPC_FILTER_UID, uid + 4242);
            stranger.bind("ipc://" + dir.resolve("stranger"));
            try (Socket pusher = push(stranger.lastEndpoint()))
            {
                awaitRefusal("IPC_FILTER");
            }

            ownUser.setOption(SocketOption.IPC_FILTER_UID, uid + 4242);
            ownUser.setOption(SocketOption.IPC_FILTER_UID, uid);
            ownUser.bind("ipc://" + dir.resolve("user"));
            try (Socket pusher = push(ownUser.lastEndpoint()))
            {
                assertEquals("hello", ownUser.recvString(), "our own user is admitted");
            }

            ownGroup.setOption(SocketOption.IPC_FILTER_GID, gid);
            ownGroup.bind("ipc://" + dir.resolve("group"));
            try (Socket pusher = push(ownGroup.lastEndpoint()))
            {
                assertEquals("hello", ownGroup.recvString(), "our own primary group is admitted");
            }
        }
    }
}
