package jp.crowdpay.jobs.roles;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jp.crowdpay.jobs.support.DatabaseRoles;
import jp.crowdpay.jobs.support.DatabaseRoles.Role;
import jp.crowdpay.jobs.support.ScratchDatabase;
import jp.crowdpay.jobs.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import jp.crowdpay.jobs.support.Tiers;

/** config/database/roles.sql, run with psql on the migrated test database, as the DBA runs it. */
@Tag(Tiers.PROCESS)
class RolesScriptTest {

    /** A grant or revoke on named tables, views or sequences (not on all tables of a schema). */
    private static final Pattern DECISION = Pattern.compile(
            "^\\s*(?:grant|revoke)\\b.*?\\bon\\s+(?:table|sequence)\\s+(?!all\\b)(.+?)\\s+(?:to|from)\\s", Pattern.DOTALL);

    @Test
    void everyTableViewAndSequenceOfTheSchemaHasADecisionInTheScript() throws IOException {
        // given what the migrations made (an identity column's sequence goes with its table)
        Set<String> relations = new TreeSet<>(Arrays.asList(new ScratchDatabase(TestDatabase.url()).query("""
                select string_agg(c.relname, ',') from pg_class c
                where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')
                  and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid
                                  and d.deptype = 'i')""").split(",")));
        // when
        Set<String> decided = decidedIn(Files.readString(DatabaseRoles.SCRIPT));
        // then
        relations.removeAll(decided);
        assertThat(relations).as("tables without a decision in " + DatabaseRoles.SCRIPT + ": grant each role what its"
                + " commands need (docs/database.md), or write 'revoke all on table <name> from ...' for a table only the"
                + " owner uses").isEmpty();
    }

    @Test
    void theScriptGrantsOnTheTablesOfTheProgramsSchemaVersion() throws IOException {
        // when
        Matcher version = Pattern.compile("(?m)^\\\\set grants_for_version (\\S+)$").matcher(Files.readString(DatabaseRoles.SCRIPT));
        // then: a new migration's tables get their grants in the same change, and the script says so
        assertThat(version.find()).isTrue();
        assertThat(version.group(1)).as("grants_for_version in " + DatabaseRoles.SCRIPT).isEqualTo(ScratchDatabase.programVersion());
    }

    @Test
    void aGrantTheScriptDoesNotMakeIsTakenBackWhenItRunsAgain() {
        // given grants someone added by hand
        ScratchDatabase database = new ScratchDatabase(TestDatabase.url());
        DatabaseRoles.apply();
        database.execute("grant select on login_account to " + DatabaseRoles.name(Role.PAYOUT)
                + "; grant update (display_name) on worker to " + DatabaseRoles.name(Role.PAYOUT));
        // when
        DatabaseRoles.apply();
        // then
        assertThat(database.query("select has_table_privilege('" + DatabaseRoles.name(Role.PAYOUT) + "', 'login_account', 'SELECT')"
                + " or has_column_privilege('" + DatabaseRoles.name(Role.PAYOUT) + "', 'worker', 'display_name', 'UPDATE')"))
                .isEqualTo("f");
        assertThat(database.query("select has_column_privilege('" + DatabaseRoles.name(Role.PAYOUT) + "', 'worker', 'id', 'UPDATE')"))
                .isEqualTo("t");
    }

    /** The tables, views and sequences that some grant or revoke of the script names. */
    private static Set<String> decidedIn(String script) {
        String statements = script.lines()
                .filter(line -> !line.startsWith("\\"))
                .map(line -> line.replaceAll("--.*", ""))
                .collect(Collectors.joining("\n"));
        Set<String> decided = new TreeSet<>();
        for (String statement : statements.split(";")) {
            Matcher decision = DECISION.matcher(statement.toLowerCase());
            if (decision.find()) {
                Arrays.stream(decision.group(1).split(",")).map(String::strip).forEach(decided::add);
            }
        }
        return decided;
    }
}
