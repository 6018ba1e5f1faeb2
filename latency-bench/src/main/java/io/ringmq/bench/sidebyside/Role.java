package io.ringmq.bench.sidebyside;

/**
 * The four programs of libzmq's perf protocol. A contender is one command template per role; the names are
 * libzmq's and ringmq's command names, so a template can pass {@code {role}} straight through as the sub-command.
 */
enum Role
{
    LOCAL_LAT("local_lat", Test.LAT, true),
    REMOTE_LAT("remote_lat", Test.LAT, false),
    LOCAL_THR("local_thr", Test.THR, true),
    REMOTE_THR("remote_thr", Test.THR, false);

    final String id;
    final Test test;
    final boolean binds;

    Role(final String id, final Test test, final boolean binds)
    {
        this.id = id;
        this.test = test;
        this.binds = binds;
    }

    /** "bind" or "connect": the first argument of the raw floor programs, which are one binary per test. */
    String side()
    {
        return binds ? "bind" : "connect";
    }

    static Role byId(final String id)
    {
        for (final Role role : values())
        {
            if (role.id.equals(id))
            {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + id + "' (local_lat, remote_lat, local_thr, remote_thr)");
    }
}
