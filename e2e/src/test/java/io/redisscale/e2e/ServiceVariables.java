package io.redisscale.e2e;

import io.redisscale.runtime.config.PlatformConfigSource;
import io.redisscale.runtime.config.PlatformEnv;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The environment variables a service reads, from its sources: the {@code ${VAR}} of its and the shared
 * runtime's properties, the variable form of every property they set or inject (SmallRye reads
 * {@code QUARKUS_HTTP_PORT} for {@code quarkus.http.port}), Heroku's variables and the Kafka client
 * settings ({@code PlatformEnv}), and the image's {@code JAVA_OPTS_APPEND}. Deployment files are held to it.
 */
final class ServiceVariables {
    private static final Path ROOT = Path.of("..");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");
    private static final Pattern INJECTED = Pattern.compile("@ConfigProperty\\(name = \"([^\"]+)\"");

    private ServiceVariables() {}

    /** {@code service}: collector, decision, actuator or notifier. */
    static Set<String> of(String service) throws IOException {
        Set<String> out = new HashSet<>(PlatformEnv.VARIABLES);
        out.addAll(io.redisscale.runtime.tracing.TraceExport.VARIABLES);
        out.add("JAVA_OPTS_APPEND");
        out.add("KAFKA_BOOTSTRAP_SERVERS");
        for (Path props : new Path[] {ROOT.resolve(service + "-service/src/main/resources/application.properties"),
                ROOT.resolve("runtime/src/main/resources/META-INF/microprofile-config.properties")}) {
            String text = Files.readString(props);
            Matcher m = REFERENCE.matcher(text);
            while (m.find()) {
                out.add(m.group(1));
            }
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(props)) {
                p.load(r);
            }
            p.stringPropertyNames().stream().filter(k -> !k.startsWith("%")).forEach(k -> out.add(env(k)));
        }
        for (Path sources : new Path[] {ROOT.resolve(service + "-service/src/main/java"), ROOT.resolve("runtime/src/main/java")}) {
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path f : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher m = INJECTED.matcher(Files.readString(f));
                    while (m.find()) {
                        out.add(env(m.group(1)));
                    }
                }
            }
        }
        return out;
    }

    /** Whether {@code variable} is read by {@code service}: one of {@link #of}, or a Kafka client setting. */
    static boolean reads(Set<String> variables, String variable) {
        return variables.contains(variable) || PlatformEnv.kafkaSetting(variable, PlatformConfigSource.kafkaSettings()).isPresent();
    }

    /** SmallRye's environment-variable form of a property name. */
    static String env(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
