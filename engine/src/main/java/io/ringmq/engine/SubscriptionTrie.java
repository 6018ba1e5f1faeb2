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

    /**
     * Calls {@code action} with every subscribed prefix and its count (to replay them to a new peer), each prefix
     * before the longer ones it leads to, in the order the recursion visited them.
     */
    @SuppressWarnings("unchecked")
    void forEachPrefix(final BiConsumer<byte[], Integer> action)
    {
        // Depth first with a stack of our own, as removeAll: a topic is as long as a peer makes it, and one call per
        // byte overflowed the stack when an XSUB replayed a remote peer's 100 KB topic to a new one. One prefix
        // buffer for the walk, copied only for a subscribed prefix: a copy per level was quadratic in the length.
        Node<T>[] path = new Node[16];
        int[] nextChild = new int[16];
        byte[] prefix = new byte[16];
        if (root.refs > 0)
        {
            action.accept(new byte[0], root.refs);
        }
        path[0] = root;
        nextChild[0] = 0;
        int depth = 0;
        while (depth >= 0)
        {
            final Node<T> node = path[depth];
            final int index = nextChild[depth];
            if (index == node.children.length)
            {
                path[depth--] = null;
                continue;
            }
            nextChild[depth] = index + 1;
            final Node<T> child = node.children[index];
            if (prefix.length == depth)
            {
                prefix = Arrays.copyOf(prefix, depth * 2);
            }
            prefix[depth] = node.keys[index];
            if (child.refs > 0)
            {
                action.accept(Arrays.copyOf(prefix, depth + 1), child.refs);
            }
            if (path.length == depth + 1)
            {
                path = Arrays.copyOf(path, path.length * 2);
                nextChild = Arrays.copyOf(nextChild, nextChild.length * 2);
            }
            path[++depth] = child;
            nextChild[depth] = 0;
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
        removeAll(subscriber, lastRemoved, false);
    }

    /**
     * @param removed told each prefix {@code subscriber} had, or only those left without subscribers unless
     *                {@code everyPrefix}.
     */
    void removeAll(final T subscriber, final java.util.function.Consumer<byte[]> removed, final boolean everyPrefix)
    {
        // Depth first with a stack of our own, not the thread's: a topic is as long as a peer makes it, and one
        // call per byte overflowed the stack when a subscriber to a 100 KB topic went away (libzmq's CVE-2021-20236).
        final ArrayList<Node<T>> path = new ArrayList<>();
        final ArrayList<Integer> nextChild = new ArrayList<>();
        byte[] prefix = new byte[16];
        detach(root, subscriber, prefix, 0, removed, everyPrefix);
        path.add(root);
        nextChild.add(root.children.length - 1);
        while (!path.isEmpty())
        {
            final int depth = path.size() - 1;
            final Node<T> node = path.get(depth);
            final int index = nextChild.get(depth);
            if (index < 0)
            {
                // Its children done: an emptied node leaves its parent, as the recursion did on its way back.
                path.remove(depth);
                nextChild.remove(depth);
                if (depth > 0 && node.isEmpty())
                {
                    path.get(depth - 1).removeChild(node);
                }
                continue;
            }
            nextChild.set(depth, index - 1);
            final Node<T> child = node.children[index];
            if (prefix.length == depth)
            {
                prefix = Arrays.copyOf(prefix, prefix.length * 2);
            }
            prefix[depth] = node.keys[index];
            detach(child, subscriber, prefix, depth + 1, removed, everyPrefix);
            path.add(child);
            nextChild.add(child.children.length - 1);
        }
    }

    private void detach(final Node<T> node, final T subscriber, final byte[] prefix, final int length,
        final java.util.function.Consumer<byte[]> removed, final boolean everyPrefix)
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
                removed.accept(Arrays.copyOf(prefix, length));
            }
        }
    }

    /**
     * Visits each subscriber of each prefix of the data; a subscriber to several matching prefixes is visited each
     * time.
     */
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

    /**
     * Removes empty nodes along the prefix's path so unsubscribed topics free their memory. One walk down, then back
     * up: walking down from the root again for each level was quadratic in the topic's length.
     */
    @SuppressWarnings("unchecked")
    private void prune(final byte[] prefix, final int offset, final int length)
    {
        final Node<T>[] path = new Node[length + 1];
        path[0] = root;
        for (int i = 0; i < length; i++)
        {
            path[i + 1] = path[i].child(prefix[offset + i]);
            if (null == path[i + 1])
            {
                return;
            }
        }
        for (int depth = length; depth > 0; depth--)
        {
            if (!path[depth].isEmpty())
            {
                return;
            }
            path[depth - 1].removeChild(path[depth]);
        }
    }
}
