package io.redisscale.runtime.config;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Heroku's conventions read directly: {@code PORT}, {@code DATABASE_URL} and Apache Kafka on Heroku's
 * {@code KAFKA_URL}, {@code KAFKA_TRUSTED_CERT}, {@code KAFKA_CLIENT_CERT}, {@code KAFKA_CLIENT_CERT_KEY},
 * {@code KAFKA_PREFIX}, turned into the Quarkus and Kafka properties the services read. Pure: environment in, properties out.
 * The explicit variables ({@code DB_URL}, {@code KAFKA_BOOTSTRAP_SERVERS}) win when both are set.
 */
public final class PlatformEnv {
    private PlatformEnv() {}

    /** A variable that cannot be read; the message names it, never its value. */
    public static final class Invalid extends IllegalArgumentException {
        Invalid(String message) {
            super(message);
        }
    }

    /** Every platform variable read here, besides {@code KAFKA_*} client settings (deployment files are checked against them). */
    public static final java.util.Set<String> VARIABLES = java.util.Set.of("PORT", "DATABASE_URL", "DATABASE_SSLMODE", "KAFKA_URL",
            "KAFKA_TRUSTED_CERT", "KAFKA_CLIENT_CERT", "KAFKA_CLIENT_CERT_KEY", "KAFKA_PREFIX");

    /**
     * Heroku's own Kafka variables, read below, and KAFKA_BOOTSTRAP_SERVERS, which application.properties
     * reads (so a test profile's broker still wins); every other {@code KAFKA_*} may be a client setting.
     */
    private static final java.util.Set<String> HEROKU_KAFKA = java.util.stream.Stream.concat(
            VARIABLES.stream().filter(v -> v.startsWith("KAFKA_")), java.util.stream.Stream.of("KAFKA_BOOTSTRAP_SERVERS"))
            .collect(Collectors.toUnmodifiableSet());

    /** The Kafka client setting {@code x.y} a {@code KAFKA_X_Y} variable names, if it names one of {@code kafkaSettings}. */
    public static java.util.Optional<String> kafkaSetting(String variable, java.util.Set<String> kafkaSettings) {
        if (!variable.startsWith("KAFKA_") || HEROKU_KAFKA.contains(variable)) {
            return java.util.Optional.empty();
        }
        String setting = variable.substring(6).toLowerCase(java.util.Locale.ROOT).replace('_', '.');
        return kafkaSettings.contains(setting) ? java.util.Optional.of(setting) : java.util.Optional.empty();
    }

    public static Map<String, String> properties(Map<String, String> env) {
        return properties(env, java.util.Set.of());
    }

    /**
     * As {@link #properties(Map)}, and each {@code KAFKA_X_Y} variable whose {@code x.y} is one of the Kafka
     * client settings {@code kafkaSettings} as {@code kafka.x.y}: {@code KAFKA_SECURITY_PROTOCOL},
     * {@code KAFKA_SASL_MECHANISM}, {@code KAFKA_SASL_JAAS_CONFIG}, ... reach every client, the channels too.
     */
    public static Map<String, String> properties(Map<String, String> env, java.util.Set<String> kafkaSettings) {
        Map<String, String> p = new LinkedHashMap<>();
        env.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                kafkaSetting(name, kafkaSettings).ifPresent(setting -> p.put("kafka." + setting, value));
            }
        });
        String port = env.get("PORT");
        if (port != null && !port.isBlank()) {
            try {
                p.put("quarkus.http.port", String.valueOf(Integer.parseInt(port.trim())));
            } catch (NumberFormatException e) {
                throw new Invalid("PORT is not a port number");
            }
            p.put("quarkus.http.host", "0.0.0.0"); // the platform's router reaches the dyno from outside
        }
        String db = env.get("DATABASE_URL");
        if (db != null && !db.isBlank() && blank(env.get("DB_URL"))) {
            p.putAll(database(db.trim(), blank(env.get("DATABASE_SSLMODE")) ? null : env.get("DATABASE_SSLMODE").trim()));
        }
        // A password never crosses the network in clear: STARTTLS is required with one, unless set otherwise.
        if (!blank(env.get("EMAIL_HOST_PASSWORD")) && blank(env.get("EMAIL_START_TLS")) && !"true".equalsIgnoreCase(
                String.valueOf(env.get("EMAIL_USE_TLS")).trim())) {
            p.put("quarkus.mailer.start-tls", "REQUIRED");
        }
        String prefix = env.get("KAFKA_PREFIX");
        if (prefix != null && !prefix.isBlank()) {
            p.put(io.redisscale.runtime.KafkaNames.PREFIX_PROPERTY, prefix.strip());
        }
        String kafka = env.get("KAFKA_URL");
        if (kafka != null && !kafka.isBlank() && blank(env.get("KAFKA_BOOTSTRAP_SERVERS"))) {
            p.putAll(kafka(kafka.trim(), env.get("KAFKA_TRUSTED_CERT"), env.get("KAFKA_CLIENT_CERT"), env.get("KAFKA_CLIENT_CERT_KEY")));
        }
        return p;
    }

    /** PostgreSQL's SSL modes (libpq and the JDBC driver). */
    private static final java.util.Set<String> SSL_MODES = java.util.Set.of("disable", "allow", "prefer", "require", "verify-ca",
            "verify-full");

    /**
     * {@code postgres://user:password@host:port/db} as a JDBC URL with SSL, and the login. The SSL mode is
     * {@code sslmode} (DATABASE_SSLMODE) when given, else the URL's own {@code ?sslmode=} (how Render,
     * Railway and Fly ask for one), else {@code require}.
     */
    static Map<String, String> database(String url, String sslmode) {
        URI u;
        try {
            u = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new Invalid("DATABASE_URL is not a URL (expected postgres://user:password@host:port/database)");
        }
        if (!"postgres".equals(u.getScheme()) && !"postgresql".equals(u.getScheme()) || u.getHost() == null
                || u.getRawPath() == null || u.getRawPath().length() < 2) {
            throw new Invalid("DATABASE_URL must look like postgres://user:password@host:port/database");
        }
        String mode = sslmode != null ? sslmode : queryParameter(u, "sslmode").orElse("require");
        if (!SSL_MODES.contains(mode)) {
            throw new Invalid((sslmode != null ? "DATABASE_SSLMODE" : "DATABASE_URL's sslmode") + " must be one of " + new java.util.TreeSet<>(SSL_MODES));
        }
        Map<String, String> p = new LinkedHashMap<>();
        p.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://" + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "")
                + u.getRawPath() + "?sslmode=" + mode);
        String info = u.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            p.put("quarkus.datasource.username", decode(colon < 0 ? info : info.substring(0, colon)));
            if (colon >= 0) {
                p.put("quarkus.datasource.password", decode(info.substring(colon + 1)));
            }
        }
        return p;
    }

    private static java.util.Optional<String> queryParameter(URI u, String name) {
        if (u.getRawQuery() == null) {
            return java.util.Optional.empty();
        }
        for (String pair : u.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && decode(pair.substring(0, eq)).equals(name)) {
                return java.util.Optional.of(decode(pair.substring(eq + 1)));
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * {@code kafka+ssl://host:port,kafka+ssl://host:port}: the brokers, SSL when the scheme says so; the PEM
     * certificates inline (Kafka's PEM stores: no files on the dyno).
     */
    static Map<String, String> kafka(String urls, String trusted, String clientCert, String clientKey) {
        Map<String, String> p = new LinkedHashMap<>();
        boolean ssl = false;
        StringBuilder servers = new StringBuilder();
        for (String one : urls.split(",")) {
            String s = one.trim();
            if (s.isEmpty()) {
                continue;
            }
            int scheme = s.indexOf("://");
            if (scheme >= 0) {
                String name = s.substring(0, scheme);
                if (!name.equals("kafka") && !name.equals("kafka+ssl")) {
                    throw new Invalid("KAFKA_URL: unknown scheme '" + name + "' (expected kafka+ssl:// or kafka://)");
                }
                ssl |= name.equals("kafka+ssl");
                s = s.substring(scheme + 3);
            }
            if (!s.matches("[A-Za-z0-9.\\-]+:\\d+/?")) {
                throw new Invalid("KAFKA_URL: expected host:port entries");
            }
            servers.append(servers.length() == 0 ? "" : ",").append(s.replaceAll("/$", ""));
        }
        p.put("kafka.bootstrap.servers", servers.toString());
        if (ssl) {
            p.put("kafka.security.protocol", "SSL");
        }
        if (!blank(trusted)) {
            p.put("kafka.ssl.truststore.type", "PEM");
            p.put("kafka.ssl.truststore.certificates", trusted.trim());
        }
        if (!blank(clientCert) && !blank(clientKey)) {
            p.put("kafka.ssl.keystore.type", "PEM");
            p.put("kafka.ssl.keystore.certificate.chain", clientCert.trim());
            p.put("kafka.ssl.keystore.key", pkcs8(clientKey.trim()));
        }
        return p;
    }

    /**
     * Kafka's PEM key store takes PKCS#8 keys ({@code BEGIN PRIVATE KEY}); an {@code RSA PRIVATE KEY} (PKCS#1)
     * is wrapped into PKCS#8's PrivateKeyInfo (version 0, rsaEncryption, the PKCS#1 key as an octet string).
     */
    static String pkcs8(String pem) {
        if (!pem.contains("BEGIN RSA PRIVATE KEY")) {
            return pem;
        }
        String body = Arrays.stream(pem.split("\n")).map(String::trim).filter(l -> !l.startsWith("-----"))
                .collect(Collectors.joining());
        byte[] pkcs1;
        try {
            pkcs1 = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new Invalid("KAFKA_CLIENT_CERT_KEY is not a PEM key");
        }
        byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
        byte[] version = {0x02, 0x01, 0x00};
        byte[] key = der(0x04, pkcs1);
        byte[] info = der(0x30, concat(version, algorithm, key));
        String b64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(info);
        return "-----BEGIN PRIVATE KEY-----\n" + b64 + "\n-----END PRIVATE KEY-----";
    }

    private static byte[] der(int tag, byte[] content) {
        int n = content.length;
        byte[] length = n < 0x80 ? new byte[] {(byte) n}
                : n < 0x100 ? new byte[] {(byte) 0x81, (byte) n}
                : n < 0x10000 ? new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n}
                : new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
        return concat(new byte[] {(byte) tag}, length, content);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] b : parts) {
            n += b.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] b : parts) {
            System.arraycopy(b, 0, out, at, b.length);
            at += b.length;
        }
        return out;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
