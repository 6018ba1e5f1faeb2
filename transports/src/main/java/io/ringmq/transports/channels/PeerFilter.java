package io.ringmq.transports.channels;

import io.ringmq.transports.AddressMask;
import io.ringmq.transports.TransportOptions;

import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.FileSystems;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;

/**
 * A listener's accept filters, as libzmq applies them before a byte is read: TCP_ACCEPT_FILTER for tcp (the peer's
 * address must fall in one of the masks), IPC_FILTER_UID and IPC_FILTER_GID for ipc (the peer process must run as
 * one of the users, or with one of the groups as its primary group, by the JDK's SO_PEERCRED). No filter admits
 * everybody. IPC_FILTER_PID is not applied: SO_PEERCRED in the JDK gives no pid.
 */
final class PeerFilter
{
    private final List<AddressMask> masks;
    private final List<UserPrincipal> users = new ArrayList<>();
    private final List<GroupPrincipal> groups = new ArrayList<>();
    private final boolean ipcFiltered;

    PeerFilter(final TransportOptions options)
    {
        masks = List.copyOf(options.tcpAcceptFilters());
        final UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();
        for (final int uid : options.ipcFilterUids())
        {
            try
            {
                // The JDK's lookup takes a numeric id when no user has it as a name.
                users.add(lookup.lookupPrincipalByName(Integer.toString(uid)));
            }
            catch (final IOException unknown)
            {
                // a user that does not exist admits nobody
            }
        }
        for (final int gid : options.ipcFilterGids())
        {
            try
            {
                groups.add(lookup.lookupPrincipalByGroupName(Integer.toString(gid)));
            }
            catch (final IOException unknown)
            {
                // as above
            }
        }
        ipcFiltered = !options.ipcFilterUids().isEmpty() || !options.ipcFilterGids().isEmpty();
    }

    /**
     * @return null if {@code accepted} may stay, else why not.
     */
    String refusal(final java.nio.channels.SocketChannel accepted)
    {
        try
        {
            final SocketAddress remote = accepted.getRemoteAddress();
            if (remote instanceof InetSocketAddress)
            {
                if (masks.isEmpty())
                {
                    return null;
                }
                for (final AddressMask mask : masks)
                {
                    if (mask.matches(((InetSocketAddress)remote).getAddress()))
                    {
                        return null;
                    }
                }
                return "peer " + remote + " refused by TCP_ACCEPT_FILTER";
            }
            if (!ipcFiltered)
            {
                return null;
            }
            final UnixDomainPrincipal peer = accepted.getOption(ExtendedSocketOptions.SO_PEERCRED);
            if (users.contains(peer.user()) || groups.contains(peer.group()))
            {
                return null;
            }
            return "peer " + peer.user().getName() + ":" + peer.group().getName() + " refused by IPC_FILTER_UID/GID";
        }
        catch (final IOException | UnsupportedOperationException ex)
        {
            return "peer credentials unavailable for the accept filter: " + ex.getMessage();
        }
    }
}
