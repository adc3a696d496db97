package io.redisscale.runtime.topics;

import io.redisscale.events.Topics;
import io.redisscale.runtime.KafkaNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the broker lacks of the topics a service needs, and the commands that make it right: where the
 * services may not create topics (Heroku's multi-tenant plans take them from the Heroku CLI only), they
 * refuse to start with this one message rather than fail later on a missing or misshapen topic. Pure.
 */
public final class TopicCheck {
    private TopicCheck() {}

    /** A topic as the broker describes it. */
    public record Found(int partitions, boolean compacted) {}

    /** One thing wrong with a topic, and the Heroku CLI command that fixes it (system names: the CLI adds the prefix). */
    public record Problem(String topic, String what, String command) {
        public static final String MISSING = "missing";

        /** Missing, which can be waited for; a topic there but misshapen cannot (it would be read wrong). */
        public boolean missing() {
            return MISSING.equals(what);
        }
    }

    /**
     * The problems of {@code wanted} (system names) against {@code found} (by broker name), in the order
     * of {@code wanted}; empty when every topic is there with enough partitions and the right cleanup policy.
     */
    public static List<Problem> problems(List<Topics.Spec> wanted, Map<String, Found> found, KafkaNames names) {
        List<Problem> out = new ArrayList<>();
        for (Topics.Spec spec : wanted) {
            Found f = found.get(names.topic(spec.name()));
            if (f == null) {
                out.add(new Problem(spec.name(), Problem.MISSING, create(spec)));
            } else if (f.partitions() < spec.partitions()) {
                // Partitions cannot be added on Heroku: the topic is made again.
                out.add(new Problem(spec.name(), f.partitions() + " partitions, " + spec.partitions() + " needed",
                        "heroku kafka:topics:destroy " + spec.name() + " && " + create(spec)));
            } else if (f.compacted() != spec.compacted()) {
                out.add(new Problem(spec.name(), spec.compacted() ? "not compacted" : "compacted",
                        "heroku kafka:topics:compaction " + spec.name() + (spec.compacted() ? " enable" : " disable")));
            }
        }
        return out;
    }

    private static String create(Topics.Spec spec) {
        return "heroku kafka:topics:create " + spec.name() + " --partitions " + spec.partitions() + (spec.compacted() ? " --compaction" : "");
    }

    /** The start-up failure: what is wrong, the commands for every topic at fault and every consumer group. */
    public static String message(List<Problem> problems, KafkaNames names, Optional<String> refusal) {
        StringBuilder m = new StringBuilder("Kafka topics are not as this system needs them")
                .append(names.prefix().isEmpty() ? "" : " (prefix " + names.prefix() + ")")
                .append(refusal.map(r -> "; they cannot be created from here (" + r + ")").orElse(""))
                .append(".\nRun these Heroku CLI commands (add --app YOUR_APP):\n");
        problems.forEach(p -> m.append("  ").append(p.command()).append("    # ").append(p.topic()).append(": ").append(p.what()).append('\n'));
        Topics.GROUPS.forEach(g -> m.append("  heroku kafka:consumer-groups:create ").append(g).append('\n'));
        m.append("Elsewhere create them with the broker's tools under these names: ");
        m.append(String.join(", ", problems.stream().map(p -> names.topic(p.topic())).toList()));
        m.append(". See docs/heroku.md.");
        return m.toString();
    }
}
