package jp.crowdpay.jobs.schema;

import java.math.BigInteger;
import java.util.Optional;

/**
 * Whether a command may work on a database, from the schema version the database has and the one
 * the program knows. A database migrated by a newer program is refused by every command: its
 * tables may mean what this program does not know. A command that only reads needs the schema
 * exactly as the program knows it, since it must not migrate.
 *
 * @param applied the newest migration recorded in the database, empty when none is
 * @param known   the newest migration this program ships
 */
public record SchemaVersions(Optional<String> applied, String known) {

    /** Why a command may not run on this database, or empty when it may. */
    public Optional<String> refusal(SchemaAccess access) {
        if (applied.isPresent() && compare(applied.get(), known) > 0) {
            return Optional.of("the database schema (version " + applied.get() + ") is newer than this program (version "
                    + known + "); use the program that migrated it. Nothing was touched");
        }
        if (access == SchemaAccess.MIGRATE) {
            return Optional.empty();
        }
        if (applied.isEmpty()) {
            return Optional.of("the database has no payout-jobs schema (no migration applied) and this command changes"
                    + " nothing; a command that writes (payout, release-locks, seed, import-banks) creates it");
        }
        if (compare(applied.get(), known) < 0) {
            return Optional.of("the database schema (version " + applied.get() + ") is older than this program (version "
                    + known + ") and this command changes nothing; a command that writes (payout, release-locks) migrates it");
        }
        return Optional.empty();
    }

    /** Flyway versions are dot-separated numbers: 10 comes after 9. */
    static int compare(String left, String right) {
        String[] a = left.split("\\.");
        String[] b = right.split("\\.");
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int byPart = new BigInteger(i < a.length ? a[i] : "0")
                    .compareTo(new BigInteger(i < b.length ? b[i] : "0"));
            if (byPart != 0) {
                return byPart;
            }
        }
        return 0;
    }
}
