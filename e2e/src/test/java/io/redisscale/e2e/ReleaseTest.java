package io.redisscale.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./autoscaler release VERSION} in a throw-away clone: every pom on the version (no -SNAPSHOT), the manifests'
 * images tagged with it, the changelog's Unreleased entries dated under it, a tag, then the next development version.
 */
class ReleaseTest {
    @TempDir
    Path dir;

    String run(Path cwd, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), String.join(" ", command));
        assertEquals(0, p.exitValue(), String.join(" ", command) + ":\n" + out);
        return out;
    }

    @Test
    void aReleaseSetsTheVersionEverywhereDatesTheChangelogAndTags() throws Exception {
        Path clone = dir.resolve("repo");
        run(Path.of(".."), "git", "clone", "-q", "--no-local", ".", clone.toString());
        run(clone, "git", "config", "user.email", "release-test@example.com");
        run(clone, "git", "config", "user.name", "Release test");
        String unreleased = Files.readString(clone.resolve("CHANGELOG.md"));
        String firstEntry = unreleased.substring(unreleased.indexOf("## [Unreleased]")).lines().filter(l -> l.startsWith("- "))
                .findFirst().orElseThrow();

        // Published on GitHub: app.json then names the repository, which the Heroku button deploys.
        run(clone, "git", "remote", "set-url", "origin", "git@github.com:example-org/redis-autoscaler.git");
        assertTrue(!Files.readString(clone.resolve("app.json")).contains("\"repository\""), "no address before a release");

        run(clone, "bash", "autoscaler", "release", "9.8.7");

        run(clone, "git", "checkout", "-q", "v9.8.7");
        try (var poms = Files.walk(clone)) {
            for (Path pom : poms.filter(p -> p.getFileName().toString().equals("pom.xml")).toList()) {
                String text = Files.readString(pom);
                assertTrue(text.contains("<version>9.8.7</version>") && !text.contains("SNAPSHOT"), pom.toString());
            }
        }
        assertTrue(Files.readString(clone.resolve("deploy/kubernetes/base/collector.yaml")).contains("image: redisscale/collector:9.8.7"));
        assertEquals("https://github.com/example-org/redis-autoscaler",
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(clone.resolve("app.json").toFile()).get("repository").asText());
        String changelog = Files.readString(clone.resolve("CHANGELOG.md"));
        int released = changelog.indexOf("## [9.8.7] - ");
        assertTrue(released > changelog.indexOf("## [Unreleased]"), changelog);
        assertTrue(changelog.indexOf(firstEntry) > released, "the unreleased entries are the release's now");

        run(clone, "git", "checkout", "-q", "-");
        assertTrue(Files.readString(clone.resolve("pom.xml")).contains("<version>9.8.8-SNAPSHOT</version>"), "the next development version");
        assertNotEquals("", run(clone, "git", "tag", "--list", "v9.8.7").strip());
        // A version that is not MAJOR.MINOR.PATCH is refused, and nothing changes.
        Process bad = new ProcessBuilder("bash", "autoscaler", "release", "v1").directory(clone.toFile()).redirectErrorStream(true).start();
        assertTrue(bad.waitFor(60, TimeUnit.SECONDS));
        assertNotEquals(0, bad.exitValue());
        assertEquals(List.of(), run(clone, "git", "status", "--porcelain").lines().toList());
    }
}
