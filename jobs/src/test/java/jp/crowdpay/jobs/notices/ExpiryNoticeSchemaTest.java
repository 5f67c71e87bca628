package jp.crowdpay.jobs.notices;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.LocalDate;
import jp.crowdpay.jobs.support.NoticeContract;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The notice line against its published JSON Schema (docs/expiry-notice.schema.json), read by a JSON Schema validator. */
class ExpiryNoticeSchemaTest {

    private static final ExpiryNotice NOTICE = new ExpiryNotice(42, LocalDate.parse("2026-11-20"),
            LocalDate.parse("2026-11-21"), 1, 1, BigInteger.valueOf(9_007_199_254_740_993L), "INVALID_PAYEE_NAME", true);

    @Test
    void aNoticeLineKeepsTheContract() {
        // when
        String line = NOTICE.jsonLine();
        // then
        assertThat(line).startsWith("{\"schema_version\":1,\"worker_id\":42,").endsWith("}\n");
        assertThat(NoticeContract.problems(line.strip())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no schema_version     | \"schema_version\":1,                      | ''",
            "another version       | \"schema_version\":1                       | \"schema_version\":2",
            "a worker id as text   | \"worker_id\":42                           | \"worker_id\":\"42\"",
            "a date that is none   | \"earliest_deadline\":\"2026-11-21\"       | \"earliest_deadline\":\"2026-02-30\"",
            "a negative days left  | \"days_left\":1                            | \"days_left\":-1",
            "yen as a fraction     | \"yen_at_risk\":9007199254740993           | \"yen_at_risk\":1.5",
            "a field not in it     | \"login_locked\":true                      | \"login_locked\":true,\"name\":\"ﾔﾏﾀﾞ\""})
    void aLineThatBreaksTheContractIsCaught(String what, String part, String replacement) {
        // given
        String line = NOTICE.jsonLine().strip().replace(part, replacement);
        // when / then
        assertThat(line).as(what).isNotEqualTo(NOTICE.jsonLine().strip());
        assertThat(NoticeContract.problems(line)).as(line).isNotEmpty();
    }
}
