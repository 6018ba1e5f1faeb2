package io.ringmq.cli;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ringmq record} holds bounded memory however much it records: scripts/capture-rss.sh records 512 MiB and
 * samples the recorder's RssAnon (README, Capture and replay, has a 4 GiB run of the same script).
 */
class CaptureMemoryIT
{
    private static final Pattern MAX_ANON = Pattern.compile("RssAnon max: (\\d+) MiB");

    @Test
    void recordingHalfAGibibyteKeepsAnonymousMemoryUnder256MiB() throws Exception
    {
        final String script = RingMqProcess.root().resolve("scripts/capture-rss.sh").toString();
        final RingMqProcess run = RingMqProcess.exec(List.of("bash", script, "512", "4096", "256"));
        assertEquals(0, run.await(120), run.stdout() + run.stderr());
        final Matcher max = MAX_ANON.matcher(run.stdout());
        assertTrue(max.find(), run.stdout());
        assertTrue(Integer.parseInt(max.group(1)) < 256, run.stdout());
        assertTrue(run.stdout().contains("recorded: 512 MiB"), run.stdout());
    }
}
