package jp.crowdpay.jobs.schema;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * Whether a command may work on a database, from the schema version the database has and the one
 * the program knows. Only {@code migrate} changes the schema; every other command needs the
 * program's migrations applied, all of them, and refuses otherwise, naming {@code migrate}. A
 * database migrated by a newer program is refused, since its tables may mean what this program does
 * not know, unless the newer migrations recorded that programs of this one's schema still run on
 * them (expand-only migrations, {@code schema_compatibility}); {@code migrate} refuses it always.
 *
 * @param applied        the newest migration recorded in the database, empty when none is
 * @param known          the newest migration this program ships
 * @param missing        migrations this program ships that the database has not applied, oldest first
 * @param oldestProgram  for a database newer than the program: the oldest program schema that the
 *                       newest applied migration still runs, as it recorded; empty when it did not
 */
public record SchemaVersions(Optional<String> applied, String known, List<String> missing, Optional<String> oldestProgram) {

    static final String MIGRATE_FIRST = "run 'payout-jobs migrate' first";

    /** Why a command may not run on this database, or empty when it may. */
    public Optional<String> refusal(SchemaAccess access) {
        if (access == SchemaAccess.NONE) {
            return Optional.empty();
        }
        if (isNewerThanProgram() && !(access == SchemaAccess.CURRENT && runsThisProgram())) {
            return Optional.of("the database schema (version " + applied.get() + ") is newer than this program (version "
                    + known + "); use the program that migrated it. Nothing was touched");
        }
        if (access != SchemaAccess.CURRENT || missing.isEmpty()) {
            return Optional.empty();
        }
        if (applied.isEmpty()) {
            return Optional.of("the database has no payout-jobs schema (no migration applied), this program needs version "
                    + known + ": " + MIGRATE_FIRST + ". Nothing was touched");
        }
        if (compare(applied.get(), known) < 0) {
            return Optional.of("the database schema is at " + applied.get() + ", this program needs " + known + ": "
                    + MIGRATE_FIRST + ". Nothing was touched");
        }
        // a migration older than the newest applied one is missing (branches merged out of order)
        return Optional.of("the database schema is at " + applied.get() + " but lacks " + String.join(", ", missing)
                + ", which this program needs: " + MIGRATE_FIRST + ". Nothing was touched");
    }

    private boolean isNewerThanProgram() {
        return applied.isPresent() && compare(applied.get(), known) > 0;
    }

    private boolean runsThisProgram() {
        return oldestProgram.isPresent() && compare(oldestProgram.get(), known) <= 0;
    }

    /** Flyway versions are dot-separated numbers: 10 comes after 9. */
    public static int compare(String left, String right) {
        String[] a = left.split("[._]");
        String[] b = right.split("[._]");
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
