package jp.crowdpay.jobs.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldLineTest {

    @Test
    void theTextIsTheSubjectThenEachFieldAsKeyEqualsValueInTheMapsOrder() {
        // given
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("date", "2026-11-24");
        fields.put("payouts", 1L);
        fields.put("transferred_yen", 123_456L);
        // when
        String text = FieldLine.text("nightlyPayoutJob summary:", fields);
        // then
        assertThat(text).isEqualTo("nightlyPayoutJob summary: date=2026-11-24 payouts=1 transferred_yen=123456");
    }

    @Test
    void aLineWithoutFieldsIsItsSubjectAlone() {
        assertThat(FieldLine.text("nightlyPayoutJob error:", Map.of())).isEqualTo("nightlyPayoutJob error:");
    }
}
