package jp.crowdpay.jobs.payout.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import jp.crowdpay.jobs.payout.settings.PayoutProperties;
import jp.crowdpay.jobs.settings.InvalidSettingException;
import org.junit.jupiter.api.Test;

class LockedRowsRuleTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Duration PAUSE = Duration.ofSeconds(30);

    @Test
    void theChunksTryIsTheFirstAndEachRetryOneMore() {
        assertThat(new LockedRowsRule(TIMEOUT, 3, PAUSE).tries()).isEqualTo(4);
        assertThat(new LockedRowsRule(TIMEOUT, 0, PAUSE).tries()).isEqualTo(1);
    }

    @Test
    void aWorkerStillHeldIsSetAsideBeforeTheLastTryAndCarriedForwardAtIt() {
        LockedRowsRule rule = new LockedRowsRule(TIMEOUT, 3, PAUSE);
        assertThat(rule.carriesForwardAt(LockedRowsRule.FIRST_TRY)).isFalse();
        // boundary: the try before the last sets aside once more, the last carries forward
        assertThat(rule.carriesForwardAt(3)).isFalse();
        assertThat(rule.carriesForwardAt(4)).isTrue();
    }

    @Test
    void withoutRetriesTheChunksTryIsTheLast() {
        assertThat(new LockedRowsRule(TIMEOUT, 0, PAUSE).carriesForwardAt(LockedRowsRule.FIRST_TRY)).isTrue();
    }

    @Test
    void theLockTimeoutGoesToPostgresqlInWholeMillisecondsAndNeverAsZeroWhichWouldMeanForever() {
        assertThat(LockedRowsRule.lockTimeoutSetting(Duration.ofSeconds(2))).isEqualTo("2000ms");
        assertThat(LockedRowsRule.lockTimeoutSetting(Duration.ofNanos(1_999_999))).isEqualTo("1ms");
        // boundary: what is left of a try's wait may be less than a millisecond
        assertThat(LockedRowsRule.lockTimeoutSetting(Duration.ofNanos(999_999))).isEqualTo("1ms");
    }

    @Test
    void aPauseFromNothingToAnHourIsAccepted() {
        assertThat(new PayoutProperties.LockedRows(3, Duration.ZERO).pause()).isZero();
        assertThat(new PayoutProperties.LockedRows(3, Duration.ofHours(1)).pause()).hasHours(1);
    }

    @Test
    void aNegativePauseOrOneOverAnHourIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new PayoutProperties.LockedRows(3, Duration.ofMillis(-1)))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("payout.locked-rows.pause: must be from 0s to 1h, not PT-0.001S");
        assertThatThrownBy(() -> new PayoutProperties.LockedRows(3, Duration.ofHours(1).plusSeconds(1)))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("payout.locked-rows.pause: must be from 0s to 1h, not 3601s");
    }
}
