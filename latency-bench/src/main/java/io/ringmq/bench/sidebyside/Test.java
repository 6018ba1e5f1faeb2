package io.ringmq.bench.sidebyside;

/**
 * The two measurements: round-trip latency (REQ/REP ping-pong) and PUSH→PULL throughput. Each is a pair of roles,
 * the binding one started first.
 */
enum Test
{
    LAT("lat"),
    THR("thr");

    final String id;

    Test(final String id)
    {
        this.id = id;
    }

    Role bindRole()
    {
        return this == LAT ? Role.LOCAL_LAT : Role.LOCAL_THR;
    }

    Role connectRole()
    {
        return this == LAT ? Role.REMOTE_LAT : Role.REMOTE_THR;
    }

    static Test byId(final String id)
    {
        for (final Test test : values())
        {
            if (test.id.equals(id))
            {
                return test;
            }
        }
        throw new IllegalArgumentException("unknown test '" + id + "' (lat, thr)");
    }
}
