package io.redisscale.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.redisscale.events.Topics;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Topics.GROUPS is what the start-up check tells Heroku users to create: it must be every consumer group
 * the services' configuration names, and the collector's ownership group.
 */
class ConsumerGroupsTest {
    @Test
    void everyConfiguredGroupIsListed() throws IOException {
        Set<String> configured = new TreeSet<>();
        for (String service : Topics.SERVICES) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(Path.of("..", service, "src/main/resources/application.properties"))) {
                p.load(r);
            }
            p.stringPropertyNames().stream().filter(k -> k.startsWith("mp.messaging.") && k.endsWith(".group.id"))
                    .forEach(k -> configured.add(p.getProperty(k)));
        }
        String ownership = Files.readString(Path.of("../collector-service/src/main/java/io/redisscale/collector/CollectorConfig.java"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("@WithDefault\\(\"([^\"]+)\"\\)\\s+String ownershipGroup\\(\\)").matcher(ownership);
        if (m.find()) {
            configured.add(m.group(1));
        }
        assertEquals(configured, new TreeSet<>(Topics.GROUPS));
    }
}
