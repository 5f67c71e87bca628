package jp.crowdpay.jobs.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SchemaVersionsTest {

    @Test
    void aDatabaseNewerThanTheProgramIsRefusedToEveryCommand() {
        // given
        SchemaVersions versions = new SchemaVersions(Optional.of("99"), "9");
        // when / then
        for (SchemaAccess access : SchemaAccess.values()) {
            assertThat(versions.refusal(access)).contains(
                    "the database schema (version 99) is newer than this program (version 9); use the program that migrated it."
                            + " Nothing was touched");
        }
    }

    @Test
    void versionTenIsNewerThanVersionNineNotOlder() {
        // given
        SchemaVersions versions = new SchemaVersions(Optional.of("10"), "9");
        // when / then
        assertThat(versions.refusal(SchemaAccess.MIGRATE)).get().asString().contains("(version 10) is newer");
        assertThat(SchemaVersions.compare("9.1", "9")).isPositive();
        assertThat(SchemaVersions.compare("9.0", "9")).isZero();
    }

    @Test
    void aCommandThatWritesMayMigrateAnEmptyOrOlderDatabase() {
        // when / then
        assertThat(new SchemaVersions(Optional.empty(), "9").refusal(SchemaAccess.MIGRATE)).isEmpty();
        assertThat(new SchemaVersions(Optional.of("8"), "9").refusal(SchemaAccess.MIGRATE)).isEmpty();
        assertThat(new SchemaVersions(Optional.of("9"), "9").refusal(SchemaAccess.MIGRATE)).isEmpty();
    }

    @Test
    void aCommandThatReadsNeedsExactlyTheProgramsSchema() {
        // when / then
        assertThat(new SchemaVersions(Optional.empty(), "9").refusal(SchemaAccess.READ_ONLY)).get().asString()
                .startsWith("the database has no payout-jobs schema (no migration applied) and this command changes nothing");
        assertThat(new SchemaVersions(Optional.of("8"), "9").refusal(SchemaAccess.READ_ONLY)).get().asString()
                .startsWith("the database schema (version 8) is older than this program (version 9)");
        assertThat(new SchemaVersions(Optional.of("9"), "9").refusal(SchemaAccess.READ_ONLY)).isEmpty();
    }
}
