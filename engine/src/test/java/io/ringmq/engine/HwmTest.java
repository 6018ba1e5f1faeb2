package io.ringmq.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.*;

/** libzmq's test_hwm, case for case: whole messages, inproc holds SNDHWM + the peer's RCVHWM, 0 = no mark. */
@Timeout(20)
class HwmTest
{
    private static final int MAX_SENDS = 10_000;
    private static final byte[] EMPTY = new byte[0];

    private static int sendUntilWouldBlock(final Socket socket)
    {
        int count = 0;
        while (count < MAX_SENDS && socket.send(EMPTY, Socket.DONTWAIT) == Status.OK)
        {
            count++;
        }
        return count;
    }

    private static int receiveAll(final Socket socket)
    {
        int count = 0;
        while (socket.recv(Socket.DONTWAIT) == 0)
        {
            count++;
        }
        return count;
    }

    private static int countMessages(final int sendHwm, final int recvHwm, final boolean bindFirst)
    {
        try (Context context = Context.create();
             Socket pull = context.socket(SocketType.PULL);
             Socket push = context.socket(SocketType.PUSH))
        {
            pull.setOption(SocketOption.RCVHWM, recvHwm);
            push.setOption(SocketOption.SNDHWM, sendHwm);
            if (bindFirst)
            {
                pull.bind("inproc://a");
                push.connect("inproc://a");
            }
            else
            {
                push.connect("inproc://a");
                pull.bind("inproc://a");
            }
            final int sent = sendUntilWouldBlock(push);
            assertEquals(sent, receiveAll(pull));
            // Now it should be possible to send one more, blocking.
            assertEquals(Status.OK, push.send(EMPTY, 0));
            assertEquals(0, pull.recv(0));
            return sent;
        }
    }

    @Test
    void defaultsHold2000()
    {
        assertEquals(2000, countMessages(1000, 1000, true));
    }

    @Test
    void zeroOnBothSidesIsUnlimited()
    {
        assertEquals(MAX_SENDS, countMessages(0, 0, true));
        assertEquals(MAX_SENDS, countMessages(0, 0, false));
    }

    @Test
    void zeroOnEitherSideIsUnlimited()
    {
        assertEquals(MAX_SENDS, countMessages(1, 0, true));
        assertEquals(MAX_SENDS, countMessages(1, 0, false));
        assertEquals(MAX_SENDS, countMessages(0, 1, true));
        assertEquals(MAX_SENDS, countMessages(0, 1, false));
    }

    @Test
    void oneAndOneHoldTwo()
    {
        assertEquals(2, countMessages(1, 1, true));
        assertEquals(2, countMessages(1, 1, false));
    }

    @Test
    void sendingBeforeTheBindHoldsOnlySndHwmAndIsDeliveredAfterClose()
    {
        try (Context context = Context.create())
        {
            final Socket push = context.socket(SocketType.PUSH);
            push.setOption(SocketOption.SNDHWM, 1);
            push.connect("inproc://a");
            final int sent = sendUntilWouldBlock(push);
            assertEquals(1, sent);
            push.close();

            try (Socket pull = context.socket(SocketType.PULL))
            {
                pull.setOption(SocketOption.RCVHWM, 0);
                pull.bind("inproc://a");
                assertEquals(sent, receiveAll(pull));
            }
        }
    }

    @Test
    void multipartMessagesCountOnce()
    {
        try (Context context = Context.create();
             Socket pull = context.socket(SocketType.PULL);
             Socket push = context.socket(SocketType.PUSH))
        {
            pull.setOption(SocketOption.RCVHWM, 2);
            push.setOption(SocketOption.SNDHWM, 3);
            pull.bind("inproc://mp");
            push.connect("inproc://mp");
            int sent = 0;
            while (push.send(EMPTY, Socket.DONTWAIT | Socket.SNDMORE) == Status.OK)
            {
                // Once the first frame is in, the rest of the message always goes in.
                for (int frame = 0; frame < 9; frame++)
                {
                    assertEquals(Status.OK, push.send(EMPTY, Socket.DONTWAIT | Socket.SNDMORE));
                }
                assertEquals(Status.OK, push.send(EMPTY, Socket.DONTWAIT));
                sent++;
            }
            assertEquals(5, sent);
            int frames = 0;
            while (pull.recv(Socket.DONTWAIT) == 0)
            {
                frames++;
            }
            assertEquals(5 * 11, frames);
        }
    }
}
