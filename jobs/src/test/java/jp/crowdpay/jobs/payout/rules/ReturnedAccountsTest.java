package jp.crowdpay.jobs.payout.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import jp.crowdpay.jobs.bankfile.account.RawBankAccount;
import org.junit.jupiter.api.Test;

/** A flag holds while the stored account makes the same bank line as the flagged one. */
class ReturnedAccountsTest {

    private static final List<RawBankAccount> FLAGGED = List.of(new RawBankAccount("0036", "251", 1, "1234567", "ﾔﾏﾀﾞ ﾀﾛｳ"));

    @Test
    void theSameAccountInTheSpellingsThePlatformMayStoreIsFlagged() {
        assertThat(List.of("ﾔﾏﾀﾞ ﾀﾛｳ", "ヤマダ　タロウ", "やまだ たろう", "  ﾔﾏﾀﾞ   ﾀﾛｳ　", "ﾔﾏﾀ\u3099 ﾀﾛｳ"))
                .allSatisfy(name -> assertThat(ReturnedAccounts.isFlagged(
                        new RawBankAccount("0036", "251", 1, "1234567", name), FLAGGED)).as(name).isTrue());
    }

    @Test
    void aFlagRecordedInAnotherSpellingHoldsAllTheSame() {
        // flags recorded before the comparison was by bank line hold the platform's spelling
        assertThat(ReturnedAccounts.isFlagged(new RawBankAccount("0036", "251", 1, "1234567", "ﾔﾏﾀﾞ ﾀﾛｳ"),
                List.of(new RawBankAccount("0036", "251", 1, "1234567", "ヤマダ　タロウ")))).isTrue();
    }

    @Test
    void anyFieldTheBankLineShowsLiftsTheFlag() {
        assertThat(List.of(
                new RawBankAccount("0005", "251", 1, "1234567", "ﾔﾏﾀﾞ ﾀﾛｳ"),
                new RawBankAccount("0036", "252", 1, "1234567", "ﾔﾏﾀﾞ ﾀﾛｳ"),
                new RawBankAccount("0036", "251", 2, "1234567", "ﾔﾏﾀﾞ ﾀﾛｳ"),
                new RawBankAccount("0036", "251", 1, "1234568", "ﾔﾏﾀﾞ ﾀﾛｳ"),
                new RawBankAccount("0036", "251", 1, "1234567", "ﾔﾏﾀﾞ ﾀﾛ")))
                .allSatisfy(changed -> assertThat(ReturnedAccounts.isFlagged(changed, FLAGGED)).as(changed.toString()).isFalse());
    }

    @Test
    void anAccountTheBankFileCannotTakeIsNoFlaggedAccount() {
        // the payout carries it forward for being invalid; it is not the account the money came back from
        assertThat(ReturnedAccounts.isFlagged(new RawBankAccount("0036", "251", 1, "1234567", "yamada taro"), FLAGGED)).isFalse();
        assertThat(ReturnedAccounts.isFlagged(new RawBankAccount("0036", "251", 1, "234567", "ﾔﾏﾀﾞ ﾀﾛｳ"), FLAGGED)).isFalse();
        assertThat(ReturnedAccounts.isFlagged(new RawBankAccount("0036", "251", 1, "1234567", "ﾔﾏﾀﾞ ﾀﾛｳ"), List.of())).isFalse();
    }
}
