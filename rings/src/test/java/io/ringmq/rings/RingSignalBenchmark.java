package io.ringmq.rings;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.WaitStrategy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The evidence behind a finding of the inproc benchmarks, isolated from ringmq: what a Disruptor 4.0
 * {@code RingBuffer.createSingleProducer(factory, size)} — the form {@code MessageRing} uses, which defaults to
 * {@link BlockingWaitStrategy} — costs per {@code next()} + {@code publish()} compared with a wait strategy whose
 * {@code signalAllWhenBlocking} does nothing ({@link BusySpinWaitStrategy}). One thread claims, publishes and
 * consumes (advances the gating sequence), so nothing else is in the figure.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class RingSignalBenchmark
{
    /** {@code blocking}: the default of createSingleProducer(factory, size); {@code busySpin}: a no-op signal. */
    @Param({"blocking", "busySpin"})
    String waitStrategy;

    private RingBuffer<long[]> ring;
    private final Sequence consumed = new Sequence();

    @Setup(Level.Trial)
    public void setup()
    {
        final WaitStrategy strategy =
            "blocking".equals(waitStrategy) ? new BlockingWaitStrategy() : new BusySpinWaitStrategy();
        ring = RingBuffer.createSingleProducer(() -> new long[1], 1024, strategy);
        ring.addGatingSequences(consumed);
    }

    @Benchmark
    public long publishAndConsume()
    {
        final long sequence = ring.next();
        ring.get(sequence)[0] = sequence;
        ring.publish(sequence);
        final long value = ring.get(sequence)[0];
        consumed.set(sequence);
        return value;
    }
}
