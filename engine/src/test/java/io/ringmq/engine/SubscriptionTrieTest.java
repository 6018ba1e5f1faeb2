package io.ringmq.engine;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class SubscriptionTrieTest
{
    private static UnsafeBuffer bytes(final String text)
    {
        return new UnsafeBuffer(text.getBytes());
    }

    @Test
    void referenceCountedPrefixesMatchLikeLibzmqTrie()
    {
        final SubscriptionTrie<Void> trie = new SubscriptionTrie<>();
        assertFalse(trie.matches(bytes("anything"), 0, 8));
        assertTrue(trie.add("ab".getBytes(), 0, 2));
        assertFalse(trie.add("ab".getBytes(), 0, 2), "second subscription to the same prefix");
        assertTrue(trie.matches(bytes("abc"), 0, 3));
        assertTrue(trie.matches(bytes("ab"), 0, 2));
        assertFalse(trie.matches(bytes("a"), 0, 1));
        assertFalse(trie.remove("ab".getBytes(), 0, 2), "one subscription remains");
        assertTrue(trie.remove("ab".getBytes(), 0, 2));
        assertFalse(trie.remove("ab".getBytes(), 0, 2), "nothing left to remove");
        assertFalse(trie.matches(bytes("abc"), 0, 3));
        assertEquals(0, trie.size());

        trie.add(new byte[0], 0, 0);
        assertTrue(trie.matches(bytes(""), 0, 0), "the empty prefix matches everything");
        trie.add("x".getBytes(), 0, 1);
        final Map<String, Integer> replay = new HashMap<>();
        trie.forEachPrefix((prefix, count) -> replay.put(new String(prefix), count));
        assertEquals(Map.of("", 1, "x", 1), replay);
    }

    @Test
    void perSubscriberMatchingVisitsEveryMatchingPrefix()
    {
        final SubscriptionTrie<String> trie = new SubscriptionTrie<>();
        assertTrue(trie.add("A".getBytes(), 0, 1, "s1"));
        assertFalse(trie.add("A".getBytes(), 0, 1, "s2"));
        trie.add("AB".getBytes(), 0, 2, "s1");
        trie.add("B".getBytes(), 0, 1, "s3");

        final List<String> visited = new ArrayList<>();
        trie.match(bytes("ABC"), 0, 3, visited::add);
        assertEquals(List.of("s1", "s2", "s1"), visited, "callers de-duplicate (PUB stamps links)");

        assertEquals(SubscriptionTrie.Removal.VALUES_REMAIN, trie.remove("A".getBytes(), 0, 1, "s2"));
        assertEquals(SubscriptionTrie.Removal.NOT_FOUND, trie.remove("A".getBytes(), 0, 1, "s2"));
        final List<String> gone = new ArrayList<>();
        trie.removeAll("s1", prefix -> gone.add(new String(prefix)));
        assertEquals(List.of("A", "AB"), gone.stream().sorted().toList());
        visited.clear();
        trie.match(bytes("ABC"), 0, 3, visited::add);
        assertEquals(List.of(), visited);
        assertEquals(1, trie.size());
    }

    /**
     * CVE-2021-20236 on the replay side: an XSUB in a proxy replays its subscriptions to each new peer, and a remote
     * peer's topic is as long as it likes. 200,000 bytes of topic (with a prefix of it and a sibling) are replayed
     * whole, each prefix before the longer one, without a stack frame per byte (the recursion this replaced
     * overflowed a thread's default stack long before that depth).
     */
    @Test
    void aLongTopicIsReplayedWithoutOneCallPerByte()
    {
        final SubscriptionTrie<Void> trie = new SubscriptionTrie<>();
        final byte[] topic = new byte[200_000];
        Arrays.fill(topic, (byte)'t');
        topic[topic.length - 1] = 'z';
        assertTrue(trie.add(topic, 0, topic.length));
        assertFalse(trie.add(topic, 0, topic.length));
        assertTrue(trie.add(topic, 0, 1_000));
        assertTrue(trie.add("s".getBytes(), 0, 1));

        final List<byte[]> prefixes = new ArrayList<>();
        final List<Integer> counts = new ArrayList<>();
        trie.forEachPrefix((prefix, count) ->
        {
            prefixes.add(prefix);
            counts.add(count);
        });
        assertEquals(List.of(1, 2, 1), counts);
        assertArrayEquals(Arrays.copyOf(topic, 1_000), prefixes.get(0));
        assertArrayEquals(topic, prefixes.get(1));
        assertArrayEquals("s".getBytes(), prefixes.get(2));

        assertFalse(trie.remove(topic, 0, topic.length));
        assertTrue(trie.remove(topic, 0, topic.length));
        final List<Integer> left = new ArrayList<>();
        trie.forEachPrefix((prefix, count) -> left.add(prefix.length));
        assertEquals(List.of(1_000, 1), left, "the cancelled topic's nodes are gone");
    }
}
