package io.ringmq.bench.sidebyside;

/** One cell of the plan: a test at a message size with a count. Every contender runs every scenario. */
final class Scenario
{
    final Test test;
    final int size;
    final long count;

    Scenario(final Test test, final int size, final long count)
    {
        this.test = test;
        this.size = size;
        this.count = count;
    }

    @Override
    public String toString()
    {
        return test.id + " " + size + " B x " + count;
    }
}
