package jp.crowdpay.jobs.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * PostgreSQL's own counters of the whole server: WAL written, full-page images in it, and
 * checkpoints. They are what updating millions of reward rows costs besides CPU. Being
 * server-wide, they include whatever else runs on the server meanwhile.
 */
record ServerActivity(long walBytes, long fullPageImages, long checkpoints) {

    static ServerActivity read(String url, String username, String password) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, username, password);
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("""
                     select w.wal_bytes::bigint, w.wal_fpi, b.checkpoints_timed + b.checkpoints_req
                     from pg_stat_wal w, pg_stat_bgwriter b""")) {
            row.next();
            return new ServerActivity(row.getLong(1), row.getLong(2), row.getLong(3));
        }
    }

    ServerActivity since(ServerActivity before) {
        return new ServerActivity(walBytes - before.walBytes, fullPageImages - before.fullPageImages,
                checkpoints - before.checkpoints);
    }

    @Override
    public String toString() {
        return String.format("WAL %,.0f MB, %,d full-page images, %d checkpoints (server-wide)",
                walBytes / 1e6, fullPageImages, checkpoints);
    }
}
