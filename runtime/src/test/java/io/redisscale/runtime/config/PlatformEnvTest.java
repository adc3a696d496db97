package io.redisscale.runtime.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlatformEnvTest {

    private static Map<String, String> env(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void nothingSetChangesNothing() {
        assertEquals(Map.of(), PlatformEnv.properties(Map.of()));
    }

    @Test
    void kafkaPrefixIsTheNamesPrefix() {
        assertEquals(Map.of("autoscaler.kafka.prefix", "wabash-58799."), PlatformEnv.properties(env("KAFKA_PREFIX", " wabash-58799. ")));
        assertEquals(Map.of(), PlatformEnv.properties(env("KAFKA_PREFIX", "")));
    }

    @Test
    void portListensOnEveryInterface() {
        assertEquals(Map.of("quarkus.http.port", "5123", "quarkus.http.host", "0.0.0.0"), PlatformEnv.properties(env("PORT", "5123")));
        assertThrows(PlatformEnv.Invalid.class, () -> PlatformEnv.properties(env("PORT", "web")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "postgres://u1:p%40ss@ec2-1-2-3-4.compute-1.amazonaws.com:5432/d8ab | jdbc:postgresql://ec2-1-2-3-4.compute-1.amazonaws.com:5432/d8ab?sslmode=require | u1 | p@ss",
            "postgresql://user:pw@db.internal/autoscaler                       | jdbc:postgresql://db.internal/autoscaler?sslmode=require                      | user | pw",
    })
    void databaseUrlBecomesJdbcWithSsl(String url, String jdbc, String user, String password) {
        Map<String, String> p = PlatformEnv.properties(env("DATABASE_URL", url));
        assertEquals(jdbc, p.get("quarkus.datasource.jdbc.url"));
        assertEquals(user, p.get("quarkus.datasource.username"));
        assertEquals(password, p.get("quarkus.datasource.password"));
    }

    @Test
    void databaseSslModeCanBeLoweredAndDbUrlWins() {
        assertTrue(PlatformEnv.properties(env("DATABASE_URL", "postgres://u:p@localhost:5432/x", "DATABASE_SSLMODE", "disable"))
                .get("quarkus.datasource.jdbc.url").endsWith("?sslmode=disable"));
        assertFalse(PlatformEnv.properties(env("DATABASE_URL", "postgres://u:p@h/x", "DB_URL", "jdbc:postgresql://other/y"))
                .containsKey("quarkus.datasource.jdbc.url"));
    }

    /** Render, Railway and Fly put the SSL mode in the URL; DATABASE_SSLMODE, when set, still wins. */
    @ParameterizedTest(name = "{0} with DATABASE_SSLMODE {1}")
    @CsvSource(delimiter = '|', value = {
            "postgres://u:p@h:5432/x?sslmode=disable           |        | ?sslmode=disable",
            "postgres://u:p@h:5432/x?connect_timeout=5&sslmode=verify-full |  | ?sslmode=verify-full",
            "postgres://u:p@h:5432/x?sslmode=disable           | require | ?sslmode=require",
            "postgres://u:p@h:5432/x                           |        | ?sslmode=require"})
    void theUrlsOwnSslModeIsHonoured(String url, String override, String suffix) {
        Map<String, String> p = PlatformEnv.properties(override == null ? env("DATABASE_URL", url)
                : env("DATABASE_URL", url, "DATABASE_SSLMODE", override));
        assertEquals("jdbc:postgresql://h:5432/x" + suffix, p.get("quarkus.datasource.jdbc.url"));
    }

    /** A password never crosses the network in clear: STARTTLS becomes required, unless the user says otherwise. */
    @Test
    void anSmtpPasswordRequiresStartTls() {
        assertEquals("REQUIRED", PlatformEnv.properties(env("EMAIL_HOST_PASSWORD", "secret")).get("quarkus.mailer.start-tls"));
        assertFalse(PlatformEnv.properties(env("EMAIL_HOST_PASSWORD", "")).containsKey("quarkus.mailer.start-tls"), "no password");
        assertFalse(PlatformEnv.properties(env("EMAIL_HOST_PASSWORD", "secret", "EMAIL_START_TLS", "OPTIONAL"))
                .containsKey("quarkus.mailer.start-tls"), "the user's own choice stands");
        assertFalse(PlatformEnv.properties(env("EMAIL_HOST_PASSWORD", "secret", "EMAIL_USE_TLS", "true"))
                .containsKey("quarkus.mailer.start-tls"), "TLS from the first byte (port 465)");
    }

    @Test
    void anUnknownSslModeIsRefused() {
        assertThrows(PlatformEnv.Invalid.class, () -> PlatformEnv.properties(env("DATABASE_URL", "postgres://u:p@h/x?sslmode=maybe")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"mysql://u:p@h/x", "postgres://u:p@h", "not a url at all"})
    void aBadDatabaseUrlIsNamedWithoutItsValue(String url) {
        PlatformEnv.Invalid e = assertThrows(PlatformEnv.Invalid.class, () -> PlatformEnv.properties(env("DATABASE_URL", url)));
        assertTrue(e.getMessage().startsWith("DATABASE_URL"), e.getMessage());
        assertFalse(e.getMessage().contains("u:p"), "no password in the message");
    }

    @Test
    void kafkaUrlListsTheBrokersOverSslWithInlinePemStores() {
        Map<String, String> p = PlatformEnv.properties(env(
                "KAFKA_URL", "kafka+ssl://ec2-3-1.compute-1.amazonaws.com:9096,kafka+ssl://ec2-3-2.compute-1.amazonaws.com:9096",
                "KAFKA_TRUSTED_CERT", "-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n",
                "KAFKA_CLIENT_CERT", "-----BEGIN CERTIFICATE-----\nCLIENT\n-----END CERTIFICATE-----",
                "KAFKA_CLIENT_CERT_KEY", "-----BEGIN PRIVATE KEY-----\nKEY\n-----END PRIVATE KEY-----"));
        assertEquals("ec2-3-1.compute-1.amazonaws.com:9096,ec2-3-2.compute-1.amazonaws.com:9096", p.get("kafka.bootstrap.servers"));
        assertEquals("SSL", p.get("kafka.security.protocol"));
        assertEquals("PEM", p.get("kafka.ssl.truststore.type"));
        assertEquals("-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----", p.get("kafka.ssl.truststore.certificates"));
        assertEquals("PEM", p.get("kafka.ssl.keystore.type"));
        assertEquals("-----BEGIN PRIVATE KEY-----\nKEY\n-----END PRIVATE KEY-----", p.get("kafka.ssl.keystore.key"));
    }

    @Test
    void plainKafkaUrlAndExplicitServersWin() {
        assertEquals(Map.of("kafka.bootstrap.servers", "broker:9092"), PlatformEnv.properties(env("KAFKA_URL", "kafka://broker:9092")));
        assertEquals(Map.of(), PlatformEnv.properties(env("KAFKA_URL", "kafka+ssl://a:1", "KAFKA_BOOTSTRAP_SERVERS", "b:2")));
        assertThrows(PlatformEnv.Invalid.class, () -> PlatformEnv.properties(env("KAFKA_URL", "http://a:1")));
        assertThrows(PlatformEnv.Invalid.class, () -> PlatformEnv.properties(env("KAFKA_URL", "kafka+ssl://no-port")));
    }

    @Test
    void kafkaClientSettingsFromVariablesReachEveryClient() {
        Map<String, String> p = PlatformEnv.properties(env("KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "KAFKA_SASL_JAAS_CONFIG", "ScramLoginModule required;", "KAFKA_PORT", "9092", "KAFKA_URL", "kafka://b:1"),
                java.util.Set.of("security.protocol", "sasl.mechanism", "sasl.jaas.config", "bootstrap.servers"));
        assertEquals("SASL_SSL", p.get("kafka.security.protocol"));
        assertEquals("SCRAM-SHA-512", p.get("kafka.sasl.mechanism"));
        assertEquals("ScramLoginModule required;", p.get("kafka.sasl.jaas.config"));
        assertFalse(p.containsKey("kafka.port"), "not a client setting");
        assertFalse(p.containsKey("kafka.url"), "Heroku's own variable, read as such");
        assertEquals("b:1", p.get("kafka.bootstrap.servers"));
    }

    @Test
    void anRsaKeyIsWrappedIntoPkcs8AsKafkaWantsIt() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        PrivateKey key = g.generateKeyPair().getPrivate();
        byte[] pkcs8 = key.getEncoded();
        // Java writes PKCS#8; its last element, after a fixed 26-byte header for a 2048-bit key, is the PKCS#1 key.
        byte[] pkcs1 = Arrays.copyOfRange(pkcs8, 26, pkcs8.length);
        String rsaPem = "-----BEGIN RSA PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pkcs1)
                + "\n-----END RSA PRIVATE KEY-----\n";
        String wrapped = PlatformEnv.pkcs8(rsaPem);
        assertTrue(wrapped.startsWith("-----BEGIN PRIVATE KEY-----\n"), wrapped);
        byte[] der = Base64.getMimeDecoder().decode(wrapped.replaceAll("-----[A-Z ]+-----", ""));
        assertArrayEquals(pkcs8, der);
        assertEquals(key, KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der)));
    }
}
