package io.redisscale.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code ./autoscaler} says to a new user: plainly, without terminal codes in a pipe or a log. */
class AutoscalerScriptTest {
    record Run(int exit, String out, String err) {}

    @TempDir
    Path state;

    Run run(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", Path.of("..", "autoscaler").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("AUTOSCALER_STATE_DIR", state.toString());
        Path out = Files.createTempFile(state, "out", ".txt");
        Path err = Files.createTempFile(state, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", args) + " did not end");
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void anUnknownCommandIsNamedAndTheUsageFollows() throws Exception {
        Run r = run("frobnicate");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("unknown command 'frobnicate'"), r.err());
        assertTrue(r.err().contains("Usage: ./autoscaler COMMAND"), r.err());
        assertFalse(r.err().contains("\u001b["), "no colour codes in a pipe: " + r.err());
    }

    @Test
    void statusSaysWhenNothingRuns() throws Exception {
        Run r = run("status");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("nothing is running"), r.out());
    }

    @Test
    void downWithNothingRunningEndsCleanly() throws Exception {
        Run r = run("down");
        assertEquals(0, r.exit(), r.err());
    }

    /** Instances as code keeps secrets out of the file: one it names but the environment lacks is refused before any call. */
    @Test
    void applyRefusesAFileNamingAVariableThatIsNotSet() throws Exception {
        Path file = Files.writeString(state.resolve("instances.yaml"),
                "instances:\n  - {name: a, provider: local, redisUrl: ${NO_SUCH_REDIS_URL_FOR_THIS_TEST}}\n");
        Run r = run("apply", "-f", file.toString());
        assertTrue(r.exit() != 0 && r.err().contains("not set: NO_SUCH_REDIS_URL_FOR_THIS_TEST"), r.err());
    }

    /** A region's ElastiCache catalog from AWS's offer file (a trimmed one in its published shape): printed, ready to PUT. */
    @Test
    void catalogMakesARegionsCatalogFromAnOfferFile() throws Exception {
        String offer = Path.of("..", "elasticache-client", "src", "test", "resources", "offer-eu-west-1.json").toString();
        Run r = run("catalog", "elasticache", "eu-west-1", "--offer", offer);
        assertEquals(0, r.exit(), r.err());
        var file = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        assertEquals("elasticache-eu-west-1", file.path("service").asText());
        assertEquals(List.of("elasticache-eu-west-1:cache.t4g.micro", "elasticache-eu-west-1:cache.r7g.large"),
                io.redisscale.events.PlanCatalog.of(file, "out").stream().map(io.redisscale.events.Plan::name).toList());
        assertTrue(r.err().contains("left out (memory not in elasticache-us-east-1): cache.x2gd.large"), r.err());
        Run wrong = run("catalog", "elasticache", "nowhere");
        assertTrue(wrong.exit() != 0 && wrong.err().contains("not an AWS region"), wrong.err());
    }
}
