package io.ringmq.bench.inproc;

import io.ringmq.engine.Context;
import io.ringmq.engine.Socket;
import io.ringmq.engine.SocketOption;
import io.ringmq.engine.SocketType;
import io.ringmq.engine.Status;
import io.ringmq.engine.WaitStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Control;
import org.zeromq.ZMQ;

import java.util.concurrent.TimeUnit;

/**
 * Issue 3: inproc PUSH→PULL, 8-byte messages, one producer thread and one consumer thread, busy-spin — ringmq
 * against JeroMQ 0.6.0's inproc in the same JMH run. Each group is two threads: {@code send} (PUSH) and
 * {@code recv} (PULL); the figure that counts is the {@code recv} thread's ops/s (messages delivered per second;
 * the send side can be at most one high-water mark ahead).
 * <p>
 * Both sides use the non-blocking form ({@code DONTWAIT}) and spin with {@link Thread#onSpinWait()} on
 * would-block, checking JMH's {@link Control#stopMeasurement} so that neither thread can be left waiting for a
 * peer that has already left the iteration; ringmq's context is built with {@link WaitStrategy#BUSY_SPIN}
 * too. Busy-spin: run it pinned ({@code taskset -c 0,1}) and read it as the figure of a machine whose two cores
 * are both given to the benchmark.
 * <p>
 * {@code hwm} sets SNDHWM and RCVHWM of both sockets (libzmq's default 1,000, and 30,000): on a machine whose cores
 * are shared, the two spinning threads often do not run at the same time, and the pipe's capacity (SNDHWM + RCVHWM
 * for inproc) is then what one thread can do per time slice — the larger mark shows how much of the figure is
 * scheduling.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@org.openjdk.jmh.annotations.State(Scope.Benchmark)
public class InprocThroughputBenchmark
{
    static final int SIZE = 8;

    @Param({"1000", "30000"})
    public int hwm;

    @State(Scope.Group)
    public static class RingMq
    {
        Context context;
        Socket push;
        Socket pull;

        @Setup(Level.Trial)
        public void setup(final InprocThroughputBenchmark b)
        {
            context = Context.builder().ioThreads(0).idleStrategy(WaitStrategy.BUSY_SPIN).build();
            pull = context.socket(SocketType.PULL);
            push = context.socket(SocketType.PUSH);
            pull.setOption(SocketOption.RCVHWM, b.hwm);
            push.setOption(SocketOption.SNDHWM, b.hwm);
            pull.bind("inproc://thr");
            push.connect("inproc://thr");
        }

        @TearDown(Level.Trial)
        public void tearDown()
        {
            push.close();
            pull.close();
            context.close();
        }
    }

    @State(Scope.Thread)
    public static class Message
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[SIZE]);
        long sequence;
    }

    @Benchmark
    @Group("ringmq")
    @GroupThreads(1)
    public int send(final RingMq s, final Message m, final Control control)
    {
        m.buffer.putLong(0, m.sequence++);
        int status;
        while (Status.WOULD_BLOCK == (status = s.push.send(m.buffer, 0, SIZE, Socket.DONTWAIT)) &&
            !control.stopMeasurement)
        {
            Thread.onSpinWait();
        }
        return status;
    }

    @Benchmark
    @Group("ringmq")
    @GroupThreads(1)
    public long recv(final RingMq s, final Control control)
    {
        int length;
        while ((length = s.pull.recv(Socket.DONTWAIT)) < 0 && !control.stopMeasurement)
        {
            Thread.onSpinWait();
        }
        return length == SIZE ? s.pull.frame().getLong(0) : length;
    }

    @State(Scope.Group)
    public static class JeroMq
    {
        ZMQ.Context context;
        ZMQ.Socket push;
        ZMQ.Socket pull;

        @Setup(Level.Trial)
        public void setup(final InprocThroughputBenchmark b)
        {
            context = ZMQ.context(1);
            pull = context.socket(org.zeromq.SocketType.PULL);
            push = context.socket(org.zeromq.SocketType.PUSH);
            pull.setRcvHWM(b.hwm);
            push.setSndHWM(b.hwm);
            pull.bind("inproc://thr");
            push.connect("inproc://thr");
        }

        @TearDown(Level.Trial)
        public void tearDown()
        {
            push.setLinger(0);
            push.close();
            pull.close();
            context.close();
        }
    }

    @State(Scope.Thread)
    public static class JeroMessage
    {
        final byte[] bytes = new byte[SIZE];
    }

    @Benchmark
    @Group("jeromq")
    @GroupThreads(1)
    public boolean send(final JeroMq s, final JeroMessage m, final Control control)
    {
        boolean sent;
        while (!(sent = s.push.send(m.bytes, ZMQ.DONTWAIT)) && !control.stopMeasurement)
        {
            Thread.onSpinWait();
        }
        return sent;
    }

    @Benchmark
    @Group("jeromq")
    @GroupThreads(1)
    public byte[] recv(final JeroMq s, final Control control)
    {
        byte[] got;
        while (null == (got = s.pull.recv(ZMQ.DONTWAIT)) && !control.stopMeasurement)
        {
            Thread.onSpinWait();
        }
        return got;
    }
}
