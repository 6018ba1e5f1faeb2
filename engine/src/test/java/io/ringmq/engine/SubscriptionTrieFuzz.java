package io.ringmq.engine;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The subscription trie against the plainest model of it, a map from topic to count (SUB, XSUB) or to subscribers
 * (PUB, XPUB), under any sequence of subscribe, cancel, match and peer-gone the fuzzer makes. Topics come from a
 * three-letter alphabet so that prefixes of one another, the trie's hard case, are the rule.
 */
class SubscriptionTrieFuzz
{
    private static final int SUBSCRIBERS = 3;

    private static byte[] topic(final FuzzedDataProvider data)
    {
        final byte[] bytes = data.consumeBytes(data.consumeInt(0, 12));
        for (int i = 0; i < bytes.length; i++)
        {
            bytes[i] = (byte)('a' + ((bytes[i] & 0xFF) % 3));
        }
        return bytes;
    }

    private static boolean isPrefix(final ByteBuffer prefix, final byte[] data)
    {
        return prefix.remaining() <= data.length && prefix.equals(ByteBuffer.wrap(data, 0, prefix.remaining()));
    }

    @FuzzTest
    void referenceCountedMatchesAMap(final FuzzedDataProvider data)
    {
        final SubscriptionTrie<Object> trie = new SubscriptionTrie<>();
        final Map<ByteBuffer, Integer> model = new HashMap<>();
        while (data.remainingBytes() > 0)
        {
            final int op = data.consumeInt(0, 2);
            final byte[] topic = topic(data);
            final ByteBuffer key = ByteBuffer.wrap(topic);
            switch (op)
            {
                case 0:
                    assertEquals(!model.containsKey(key), trie.add(topic, 0, topic.length), "first subscription");
                    model.merge(key, 1, Integer::sum);
                    break;
                case 1:
                {
                    final Integer count = model.get(key);
                    assertEquals(count != null && count == 1, trie.remove(topic, 0, topic.length), "last one");
                    if (count != null)
                    {
                        if (count == 1)
                        {
                            model.remove(key);
                        }
                        else
                        {
                            model.put(key, count - 1);
                        }
                    }
                    break;
                }
                default:
                {
                    final boolean expected = model.keySet().stream().anyMatch(prefix -> isPrefix(prefix, topic));
                    assertEquals(expected, trie.matches(new UnsafeBuffer(topic), 0, topic.length), "match");
                }
            }
            assertEquals(model.size(), trie.size(), "prefix count");
        }
        final Map<ByteBuffer, Integer> replayed = new HashMap<>();
        trie.forEachPrefix((prefix, count) -> replayed.put(ByteBuffer.wrap(prefix), count));
        assertEquals(model, replayed, "what a new peer is told");
    }

    @FuzzTest
    void perSubscriberMatchesAMap(final FuzzedDataProvider data)
    {
        final SubscriptionTrie<Integer> trie = new SubscriptionTrie<>();
        final Map<ByteBuffer, Set<Integer>> model = new HashMap<>();
        while (data.remainingBytes() > 0)
        {
            final int op = data.consumeInt(0, 3);
            final Integer subscriber = data.consumeInt(0, SUBSCRIBERS - 1);
            final byte[] topic = topic(data);
            final ByteBuffer key = ByteBuffer.wrap(topic);
            switch (op)
            {
                case 0:
                {
                    final Set<Integer> subscribers = model.computeIfAbsent(key, k -> new HashSet<>());
                    assertEquals(subscribers.isEmpty(), trie.add(topic, 0, topic.length, subscriber), "first");
                    subscribers.add(subscriber);
                    break;
                }
                case 1:
                {
                    final Set<Integer> subscribers = model.get(key);
                    final SubscriptionTrie.Removal expected;
                    if (subscribers == null || !subscribers.remove(subscriber))
                    {
                        expected = SubscriptionTrie.Removal.NOT_FOUND;
                    }
                    else if (subscribers.isEmpty())
                    {
                        model.remove(key);
                        expected = SubscriptionTrie.Removal.LAST_REMOVED;
                    }
                    else
                    {
                        expected = SubscriptionTrie.Removal.VALUES_REMAIN;
                    }
                    assertEquals(expected, trie.remove(topic, 0, topic.length, subscriber));
                    break;
                }
                case 2:
                {
                    final Set<ByteBuffer> emptied = new HashSet<>();
                    model.forEach((prefix, subscribers) ->
                    {
                        if (subscribers.remove(subscriber) && subscribers.isEmpty())
                        {
                            emptied.add(prefix);
                        }
                    });
                    emptied.forEach(model::remove);
                    final Set<ByteBuffer> told = new HashSet<>();
                    trie.removeAll(subscriber, prefix -> told.add(ByteBuffer.wrap(prefix)));
                    assertEquals(emptied, told, "prefixes left without subscribers when a peer goes");
                    break;
                }
                default:
                {
                    final List<Integer> expected = new ArrayList<>();
                    model.forEach((prefix, subscribers) ->
                    {
                        if (isPrefix(prefix, topic))
                        {
                            expected.addAll(subscribers);
                        }
                    });
                    final List<Integer> visited = new ArrayList<>();
                    trie.match(new UnsafeBuffer(topic), 0, topic.length, visited::add);
                    expected.sort(null);
                    visited.sort(null);
                    assertEquals(expected, visited, "subscribers visited, once per matching prefix");
                }
            }
            assertEquals(model.size(), trie.size(), "prefix count");
        }
    }
}
