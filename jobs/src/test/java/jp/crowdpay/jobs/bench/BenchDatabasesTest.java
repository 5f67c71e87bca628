package jp.crowdpay.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class BenchDatabasesTest {

    @Test
    void theJobAndEachYardstickHaveADatabaseNamedAfterThePrefix() {
        // when
        BenchDatabases.Names names = BenchDatabases.Names.of("payout_test_ci_bench");
        // then
        assertThat(names).isEqualTo(new BenchDatabases.Names("payout_test_ci_bench_job", "payout_test_ci_bench_sql",
                "payout_test_ci_bench_sql_tuned"));
    }

    @Test
    void aPrefixThatDdlWouldHaveToQuoteIsRefused() {
        // the names go into DDL unquoted: upper case, hyphens, quotes and a leading digit are not plain identifiers
        for (String prefix : new String[] {"Bench", "bench-1", "bench\"; drop database x; --", "1bench", ""}) {
            assertThatIllegalArgumentException().as(prefix).isThrownBy(() -> BenchDatabases.Names.of(prefix));
        }
    }

    @Test
    void aPrefixLongerThanFiftyCharactersIsRefusedSoThatTheLongestNameFitsPostgresqlsSixtyThree() {
        // boundary: 50 + "_sql_tuned" is 60 bytes
        assertThat(BenchDatabases.Names.of("b".repeat(50)).tunedYardstick()).hasSize(60);
        assertThatIllegalArgumentException().isThrownBy(() -> BenchDatabases.Names.of("b".repeat(51)));
    }
}
