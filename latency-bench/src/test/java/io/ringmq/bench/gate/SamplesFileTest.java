package io.ringmq.bench.gate;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SamplesFileTest
{
    @Test
    void savedRunsReadBackWithEveryBucket(@TempDir final Path dir) throws Exception
    {
        final BuildSamples saved = new BuildSamples("cpu=\"test\" cores=2", List.of("--count", "100"));
        final Histogram first = SvgPlotsTest.histogram(1, 20_000);
        saved.add("tcp-64", new RunSample(first, 123_456.5));
        saved.add("tcp-64", new RunSample(SvgPlotsTest.histogram(2, 21_000), 120_000));
        saved.add("ipc-64", new RunSample(SvgPlotsTest.histogram(3, 15_000), 200_000));
        final Path file = dir.resolve("base.samples");
        SamplesFile.write(file, saved);

        final BuildSamples read = SamplesFile.read(file);
        assertEquals(saved.machine(), read.machine());
        assertEquals(List.of("--count", "100"), read.runArguments());
        assertEquals(List.of("tcp-64", "ipc-64"), read.scenarios());
        assertEquals(first, read.runs("tcp-64").get(0).roundTrips());
        assertEquals(123_456.5, read.runs("tcp-64").get(0).msgPerSecond());
        assertEquals(2, read.runs("tcp-64").size());
    }
}
