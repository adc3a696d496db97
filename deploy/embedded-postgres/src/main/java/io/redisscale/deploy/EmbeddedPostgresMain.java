package io.redisscale.deploy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Runs a real PostgreSQL until killed: {@code EmbeddedPostgresMain PORT DATA_DIR DATABASE...}. Trust
 * authentication for user postgres on 127.0.0.1, as the installed server on these machines has; the
 * databases named are created when missing.
 */
public final class EmbeddedPostgresMain {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setPort(port).setDataDirectory(Path.of(args[1]))
                .setCleanDataDirectory(false).start();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            for (int i = 2; i < args.length; i++) {
                try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + args[i].replace("'", "") + "'")) {
                    if (!rs.next()) {
                        st.execute("CREATE DATABASE \"" + args[i].replace("\"", "") + "\"");
                    }
                }
            }
        }
        System.out.println("embedded PostgreSQL ready on 127.0.0.1:" + port);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                pg.close();
            } catch (Exception e) {
                System.err.println("stopping PostgreSQL: " + e.getMessage());
            }
        }));
        Thread.currentThread().join();
    }

    private EmbeddedPostgresMain() {}
}
