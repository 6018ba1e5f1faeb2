package io.ringmq.engine;

import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * Prefix subscriptions, one byte per level, as libzmq's trie_t and mtrie_t in one class. A node holds the
 * subscribers of the prefix that leads to it: a reference count (SUB/XSUB, which only need to know whether anything
 * matches) or the set of links subscribed (PUB/XPUB, which need to know who matches). Matching walks the message's
 * first frame once, visiting every subscribed prefix of it; it allocates nothing.
 *
 * @param <T> the subscriber type (a {@link Link} on the publishing side).
 */
final class SubscriptionTrie<T>
{
    /** What {@link #remove(byte[], int, Object)} found, as libzmq's mtrie_t::rm_result. */
    enum Removal
    {
        NOT_FOUND, LAST_REMOVED, VALUES_REMAIN
    }

    /** Visits the subscribers matched by a message. */
    @FunctionalInterface
    interface Visitor<T>
    {
        void visit(T subscriber);
    }

    private static final class Node<T>
    {
        byte[] keys = new byte[0];
        @SuppressWarnings("unchecked")
        Node<T>[] children = new Node[0];
        int refs;
        ArrayList<T> subscribers;

        Node<T> child(final byte key)
        {
            for (int i = 0; i < keys.length; i++)
            {
                if (keys[i] == key)
                {
                    return children[i];
                }
            }
            return null;
        }

        Node<T> addChild(final byte key)
        {
            final Node<T> child = new Node<>();
            keys = Arrays.copyOf(keys, keys.length + 1);
            children = Arrays.copyOf(children, children.length + 1);
            keys[keys.length - 1] = key;
            children[children.length - 1] = child;
            return child;
        }

        void removeChild(final Node<T> child)
        {
            for (int i = 0; i < children.length; i++)
            {
                if (children[i] == child)
                {
                    final int last = children.length - 1;
                    keys[i] = keys[last];
                    children[i] = children[last];
                    keys = Arrays.copyOf(keys, last);
                    children = Arrays.copyOf(children, last);
                    return;
                }
            }
        }

        boolean isEmpty()
        {
            return refs == 0 && (null == subscribers || subscribers.isEmpty()) && children.length == 0;
        }
    }

    private final Node<T> root = new Node<>();
    private int prefixes;

    // ------------------------------------------------------------------ reference counted (SUB, XSUB)

    /** @return true if this is the first subscription to {@code prefix}. */
    boolean add(final byte[] prefix, final int offset, final int length)
    {
        final Node<T> node = descend(prefix, offset, length, true);
        if (node.refs++ == 0)
        {
            prefixes++;
            return true;
        }
        return false;
    }

    /** @return true if that was the last subscription to {@code prefix}; false if others remain or none existed. */
    boolean remove(final byte[] prefix, final int offset, final int length)
    {
        final Node<T> node = descend(prefix, offset, length, false);
        if (null == node || node.refs == 0)
        {
            return false;
        }
        if (--node.refs == 0)
        {
            prefixes--;
            prune(prefix, offset, length);
            return true;
        }
        return false;
    }

    /** @return true if some subscribed prefix is a prefix of the data (the empty prefix matches everything). */
    boolean matches(final DirectBuffer data, final int offset, final int length)
    {
        Node<T> node = root;
        for (int i = 0; ; i++)
        {
            if (node.refs > 0)
            {
                return true;
            }
            if (i == length || null == (node = node.child(data.getByte(offset + i))))
            {
                return false;
            }
        }
    }

    /** Calls {@code action} with every subscribed prefix and its count (to replay them to a new peer). */
    void forEachPrefix(final BiConsumer<byte[], Integer> action)
    {
        forEach(root, new byte[0], action);
    }

    private void forEach(final Node<T> node, final byte[] prefix, final BiConsumer<byte[], Integer> action)
    {
        if (node.refs > 0)
        {
            action.accept(prefix, node.refs);
        }
        for (int i = 0; i < node.keys.length; i++)
        {
            final byte[] longer = Arrays.copyOf(prefix, prefix.length + 1);
            longer[prefix.length] = node.keys[i];
            forEach(node.children[i], longer, action);
        }
    }

    // ------------------------------------------------------------------ per subscriber (PUB, XPUB)

    /** @return true if {@code subscriber} is the first for {@code prefix} (libzmq's mtrie add). */
    boolean add(final byte[] prefix, final int offset, final int length, final T subscriber)
    {
        final Node<T> node = descend(prefix, offset, length, true);
        if (null == node.subscribers)
        {
            node.subscribers = new ArrayList<>(2);
        }
        final boolean first = node.subscribers.isEmpty();
        if (!node.subscribers.contains(subscriber))
        {
            node.subscribers.add(subscriber);
        }
        if (first)
        {
            prefixes++;
        }
        return first;
    }

    Removal remove(final byte[] prefix, final int offset, final int length, final T subscriber)
    {
        final Node<T> node = descend(prefix, offset, length, false);
        if (null == node || null == node.subscribers || !node.subscribers.remove(subscriber))
        {
            return Removal.NOT_FOUND;
        }
        if (node.subscribers.isEmpty())
        {
            prefixes--;
            prune(prefix, offset, length);
            return Removal.LAST_REMOVED;
        }
        return Removal.VALUES_REMAIN;
    }

    /**
     * Removes {@code subscriber} everywhere (its peer went away).
     *
     * @param lastRemoved told each prefix that no longer has any subscriber.
     */
    void removeAll(final T subscriber, final java.util.function.Consumer<byte[]> lastRemoved)
    {
        removeAll(root, new byte[0], subscriber, lastRemoved, false);
    }

    /**
     * @param removed told each prefix {@code subscriber} had, or only those left without subscribers unless
     *                {@code everyPrefix}.
     */
    void removeAll(final T subscriber, final java.util.function.Consumer<byte[]> removed, final boolean everyPrefix)
    {
        removeAll(root, new byte[0], subscriber, removed, everyPrefix);
    }

    private void removeAll(final Node<T> node, final byte[] prefix, final T subscriber,
        final java.util.function.Consumer<byte[]> lastRemoved, final boolean everyPrefix)
    {
        if (null != node.subscribers && node.subscribers.remove(subscriber))
        {
            final boolean last = node.subscribers.isEmpty();
            if (last)
            {
                prefixes--;
            }
            if (last || everyPrefix)
            {
                lastRemoved.accept(prefix);
            }
        }
        for (int i = node.children.length - 1; i >= 0; i--)
        {
            final byte[] longer = Arrays.copyOf(prefix, prefix.length + 1);
            longer[prefix.length] = node.keys[i];
            final Node<T> child = node.children[i];
            removeAll(child, longer, subscriber, lastRemoved, everyPrefix);
            if (child.isEmpty())
            {
                node.removeChild(child);
            }
        }
    }

    /** Visits each subscriber of each prefix of the data; a subscriber to several matching prefixes is visited each time. */
    void match(final DirectBuffer data, final int offset, final int length, final Visitor<T> visitor)
    {
        Node<T> node = root;
        for (int i = 0; ; i++)
        {
            final ArrayList<T> subscribers = node.subscribers;
            if (null != subscribers)
            {
                for (int s = 0, size = subscribers.size(); s < size; s++)
                {
                    visitor.visit(subscribers.get(s));
                }
            }
            if (i == length || null == (node = node.child(data.getByte(offset + i))))
            {
                return;
            }
        }
    }

    /** @return the number of prefixes with at least one subscription. */
    int size()
    {
        return prefixes;
    }

    // ------------------------------------------------------------------ internals

    private Node<T> descend(final byte[] prefix, final int offset, final int length, final boolean create)
    {
        Node<T> node = root;
        for (int i = 0; i < length; i++)
        {
            Node<T> child = node.child(prefix[offset + i]);
            if (null == child)
            {
                if (!create)
                {
                    return null;
                }
                child = node.addChild(prefix[offset + i]);
            }
            node = child;
        }
        return node;
    }

    /** Removes empty nodes along the prefix's path so unsubscribed topics free their memory. */
    private void prune(final byte[] prefix, final int offset, final int length)
    {
        for (int depth = length; depth > 0; depth--)
        {
            final Node<T> parent = descend(prefix, offset, depth - 1, false);
            final Node<T> child = null == parent ? null : parent.child(prefix[offset + depth - 1]);
            if (null == child || !child.isEmpty())
            {
                return;
            }
            parent.removeChild(child);
        }
    }
}
