package io.ringmq.engine;

import java.nio.file.Path;

/**
 * A process that opens a context with counters in the given directory, prints the file's path, and waits to be
 * killed.
 */
final class CountersFileHolder
{
    private CountersFileHolder()
    {
    }

    public static void main(final String[] args) throws InterruptedException
    {
        final Context context = Context.builder().countersDirectory(Path.of(args[0])).build();
        System.out.println(context.countersPath().orElseThrow());
        System.out.flush();
        Thread.sleep(120_000);
        context.close();
    }
}
