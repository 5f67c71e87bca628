package jp.crowdpay.jobs.returns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import jp.crowdpay.jobs.bankfile.AccountType;
import jp.crowdpay.jobs.bankfile.BankAccount;
import jp.crowdpay.jobs.bankfile.RawBankAccount;
import org.junit.jupiter.api.Test;

class FlaggedAccountTest {

    private static final BankAccount PAID_TO = new BankAccount("0036", "251", AccountType.ORDINARY, "1234567", "ﾔﾏﾀﾞ ﾀﾛｳ");

    @Test
    void flagsTheStoredFieldsWhenTheyStillMakeTheAccountPaidTo() {
        // given: the platform stores the name in full-width katakana; the payout sent it half-width
        RawBankAccount stored = new RawBankAccount("0036", "251", 1, "1234567", "ヤマダ　タロウ");
        // when
        RawBankAccount flagged = FlaggedAccount.of(PAID_TO, Optional.of(stored));
        // then
        assertThat(flagged).isEqualTo(stored);
    }

    @Test
    void flagsTheAccountPaidToWhenTheStoredOneIsAnotherAlready() {
        // given
        RawBankAccount changed = new RawBankAccount("0036", "251", 1, "7654321", "ヤマダ　タロウ");
        // when
        RawBankAccount flagged = FlaggedAccount.of(PAID_TO, Optional.of(changed));
        // then
        assertThat(flagged).isEqualTo(new RawBankAccount("0036", "251", 1, "1234567", "ﾔﾏﾀﾞ ﾀﾛｳ"));
    }

    @Test
    void flagsTheAccountPaidToWhenTheWorkerHasNoStoredAccountOrAnInvalidOne() {
        RawBankAccount paidTo = new RawBankAccount("0036", "251", 1, "1234567", "ﾔﾏﾀﾞ ﾀﾛｳ");
        assertThat(FlaggedAccount.of(PAID_TO, Optional.empty())).isEqualTo(paidTo);
        assertThat(FlaggedAccount.of(PAID_TO, Optional.of(new RawBankAccount("0036", "251", 1, "1234567", "山田"))))
                .isEqualTo(paidTo);
    }
}
