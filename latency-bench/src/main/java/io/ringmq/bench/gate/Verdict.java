package io.ringmq.bench.gate;

/**
 * What the gate says about one row (a scenario and a metric): the candidate is faster, the same, or slower than the
 * baseline. "Same" means either no significant difference or one smaller than the minimum effect size.
 */
public enum Verdict
{
    FASTER("faster"),
    SAME("same"),
    SLOWER("slower");

    private final String word;

    Verdict(final String word)
    {
        this.word = word;
    }

    /**
     * @return the word the gate prints.
     */
    public String word()
    {
        return word;
    }
}
