package jp.crowdpay.jobs.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SchemaVersionsTest {

    private static final String NEWER = "the database schema (version 99) is newer than this program (version 9);"
            + " use the program that migrated it. Nothing was touched";

    private static SchemaVersions database(String applied, String known, List<String> missing) {
        return new SchemaVersions(Optional.ofNullable(applied), known, missing, Optional.empty());
    }

    @Test
    void aDatabaseNewerThanTheProgramIsRefusedToEveryCommandButTheBenchmark() {
        // given
        SchemaVersions versions = database("99", "9", List.of());
        // when / then
        assertThat(versions.refusal(SchemaAccess.CURRENT)).contains(NEWER);
        assertThat(versions.refusal(SchemaAccess.MIGRATE)).contains(NEWER);
        assertThat(versions.refusal(SchemaAccess.INSPECT)).contains(NEWER);
        assertThat(versions.refusal(SchemaAccess.NONE)).isEmpty();
    }

    @Test
    void aNewerDatabaseThatSaysThisProgramStillRunsOnItIsAcceptedButNeverMigratedByIt() {
        // given the newest migration recorded that programs of schema 9 still run on it
        SchemaVersions expandOnly = new SchemaVersions(Optional.of("99"), "9", List.of(), Optional.of("9"));
        SchemaVersions contracted = new SchemaVersions(Optional.of("99"), "9", List.of(), Optional.of("10"));
        // when / then
        assertThat(expandOnly.refusal(SchemaAccess.CURRENT)).isEmpty();
        assertThat(expandOnly.refusal(SchemaAccess.MIGRATE)).contains(NEWER);
        assertThat(contracted.refusal(SchemaAccess.CURRENT)).contains(NEWER);
    }

    @Test
    void versionTenIsNewerThanVersionNineNotOlder() {
        // given
        SchemaVersions versions = database("10", "9", List.of());
        // when / then
        assertThat(versions.refusal(SchemaAccess.CURRENT)).get().asString().contains("(version 10) is newer");
        assertThat(SchemaVersions.compare("9.1", "9")).isPositive();
        assertThat(SchemaVersions.compare("9.0", "9")).isZero();
        assertThat(SchemaVersions.compare("14.2", "14.10")).isNegative();
    }

    @Test
    void migrateMayWorkOnAnEmptyOrOlderDatabase() {
        for (SchemaAccess access : List.of(SchemaAccess.MIGRATE, SchemaAccess.INSPECT)) {
            assertThat(database(null, "9", List.of("1", "9")).refusal(access)).isEmpty();
            assertThat(database("8", "9", List.of("9")).refusal(access)).isEmpty();
            assertThat(database("9", "9", List.of()).refusal(access)).isEmpty();
        }
    }

    @Test
    void everyOtherCommandNeedsEveryMigrationOfTheProgramAppliedAndNamesMigrate() {
        // when / then
        assertThat(database(null, "9", List.of("1", "9")).refusal(SchemaAccess.CURRENT)).contains(
                "the database has no payout-jobs schema (no migration applied), this program needs version 9:"
                        + " run 'payout-jobs migrate' first. Nothing was touched");
        assertThat(database("8", "9", List.of("9")).refusal(SchemaAccess.CURRENT)).contains(
                "the database schema is at 8, this program needs 9: run 'payout-jobs migrate' first. Nothing was touched");
        assertThat(database("9", "9", List.of()).refusal(SchemaAccess.CURRENT)).isEmpty();
    }

    @Test
    void aMigrationMissingBelowTheNewestAppliedOneIsPendingToo() {
        // given migrations merged out of order: 9 applied, 8 not
        SchemaVersions versions = database("9", "9", List.of("8"));
        // when / then
        assertThat(versions.refusal(SchemaAccess.CURRENT)).contains(
                "the database schema is at 9 but lacks 8, which this program needs: run 'payout-jobs migrate' first."
                        + " Nothing was touched");
    }
}
