package jp.crowdpay.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import jp.crowdpay.jobs.schema.SchemaAccess;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Which commands may change the schema: migrate only. A new command is covered without a change here. */
class SchemaAccessTest {

    @Test
    void onlyMigrateChangesTheSchemaAndEveryOtherCommandNeedsItCurrent() {
        // given every command the program has
        var commands = new CommandLine(new RootCommand(null)).getSubcommands().keySet();
        // when / then
        for (String command : commands) {
            SchemaAccess expected = switch (command) {
                case "migrate" -> SchemaAccess.MIGRATE;
                // its databases are its own, migrated by itself; the configured one is only the server
                case "benchmark" -> SchemaAccess.NONE;
                default -> SchemaAccess.CURRENT;
            };
            assertThat(CommandLineInterface.schemaAccess(new String[] {command})).as(command).isEqualTo(expected);
        }
        assertThat(commands).contains("migrate", "payout", "release-locks", "status", "seed", "worker");
    }

    @Test
    void aDryRunOfMigrateOnlyReadsTheHistoryAndAStartWithoutCommandChangesNothing() {
        assertThat(CommandLineInterface.schemaAccess(new String[] {"migrate", "--dry-run"})).isEqualTo(SchemaAccess.INSPECT);
        assertThat(CommandLineInterface.schemaAccess(new String[0])).isEqualTo(SchemaAccess.CURRENT);
    }
}
