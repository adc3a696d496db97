package io.redisscale.runtime.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisscale.events.Topics;
import io.redisscale.runtime.KafkaNames;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TopicCheckTest {
    private static final KafkaNames NAMES = KafkaNames.of("wabash-58799.");
    private static final List<Topics.Spec> WANTED = List.of(new Topics.Spec("autoscaler.instances", 12, true),
            new Topics.Spec("autoscaler.metrics", 6, false));

    @Test
    void everythingThereIsNoProblem() {
        Map<String, TopicCheck.Found> found = Map.of("wabash-58799.autoscaler.instances", new TopicCheck.Found(12, true),
                "wabash-58799.autoscaler.metrics", new TopicCheck.Found(8, false)); // more partitions than needed is fine
        assertEquals(List.of(), TopicCheck.problems(WANTED, found, NAMES));
    }

    @Test
    void eachFaultGetsItsCommand() {
        // Unprefixed names do not count: the broker's names carry the prefix.
        assertEquals(List.of(
                new TopicCheck.Problem("autoscaler.instances", "missing", "heroku kafka:topics:create autoscaler.instances --partitions 12 --compaction"),
                new TopicCheck.Problem("autoscaler.metrics", "missing", "heroku kafka:topics:create autoscaler.metrics --partitions 6")),
                TopicCheck.problems(WANTED, Map.of("autoscaler.instances", new TopicCheck.Found(12, true)), NAMES));
        Map<String, TopicCheck.Found> found = new HashMap<>();
        found.put("wabash-58799.autoscaler.instances", new TopicCheck.Found(12, false));
        found.put("wabash-58799.autoscaler.metrics", new TopicCheck.Found(3, true));
        assertEquals(List.of(
                new TopicCheck.Problem("autoscaler.instances", "not compacted", "heroku kafka:topics:compaction autoscaler.instances enable"),
                new TopicCheck.Problem("autoscaler.metrics", "3 partitions, 6 needed", "heroku kafka:topics:destroy autoscaler.metrics"
                        + " && heroku kafka:topics:create autoscaler.metrics --partitions 6")),
                TopicCheck.problems(WANTED, found, NAMES));
        // Missing topics are waited for; misshapen ones are not (they would be read wrong).
        assertEquals(List.of(false, false), TopicCheck.problems(WANTED, found, NAMES).stream().map(TopicCheck.Problem::missing).toList());
        assertEquals(List.of(true, true), TopicCheck.problems(WANTED, Map.of(), NAMES).stream().map(TopicCheck.Problem::missing).toList());
    }

    @Test
    void theMessageListsTheCommandsAndEveryGroup() {
        String m = TopicCheck.message(TopicCheck.problems(Topics.everyTopic(), Map.of(), NAMES), NAMES,
                Optional.of("TopicAuthorizationException: denied"));
        assertTrue(m.contains("prefix wabash-58799."), m);
        assertTrue(m.contains("TopicAuthorizationException: denied"), m);
        for (Topics.Spec spec : Topics.everyTopic()) {
            assertTrue(m.contains("heroku kafka:topics:create " + spec.name() + " --partitions " + spec.partitions()
                    + (spec.compacted() ? " --compaction" : "") + " "), m);
            assertTrue(m.contains("wabash-58799." + spec.name()), m);
        }
        Topics.GROUPS.forEach(g -> assertTrue(m.contains("heroku kafka:consumer-groups:create " + g + "\n"), m));
    }
}
