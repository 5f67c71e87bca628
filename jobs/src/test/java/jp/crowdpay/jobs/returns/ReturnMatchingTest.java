package jp.crowdpay.jobs.returns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import jp.crowdpay.jobs.bankfile.account.AccountType;
import jp.crowdpay.jobs.bankfile.account.BankAccount;
import jp.crowdpay.jobs.returns.notice.NoticeLine;
import jp.crowdpay.jobs.returns.notice.RefusedLine;
import jp.crowdpay.jobs.returns.notice.ReturnReason;
import org.junit.jupiter.api.Test;

class ReturnMatchingTest {

    private static final String FILE = "payout-20261124.csv";
    private static final LocalDate PAID_ON = LocalDate.parse("2026-11-24");
    private static final Optional<ReturnMatching.RunOfFile> COMPLETED = Optional.of(new ReturnMatching.RunOfFile(PAID_ON, true));
    private static final BankAccount ACCOUNT = new BankAccount("0036", "251", AccountType.ORDINARY, "1234567", "ﾔﾏﾀﾞ ﾀﾛｳ");

    private final ReturnMatching matching = new ReturnMatching(LocalDate.parse("2026-11-26"), 10);

    private static ReturnedPayout payout(long id, String earlierReturn) {
        return new ReturnedPayout(id, 7, PAID_ON, FILE, true, 5_000, 500, 4_500, ACCOUNT, earlierReturn);
    }

    private static NoticeLine line(int number, long amountYen) {
        return line(number, amountYen, "0036", "1234567", null);
    }

    private static NoticeLine line(int number, long amountYen, String bankCode, String accountNumber, String payeeName) {
        return new NoticeLine(number, FILE, null, null, 7, bankCode, "251", null, accountNumber, payeeName, amountYen,
                ReturnReason.NO_SUCH_ACCOUNT, "");
    }

    private String refusal(NoticeLine line, Optional<ReturnMatching.RunOfFile> run, List<ReturnedPayout> candidates) {
        matching.match(line, run, candidates);
        assertThat(matching.matched()).isEmpty();
        return matching.refused().get(0).toString();
    }

    @Test
    void matchesTheOnePayoutOfTheFileCustomerAmountAndAccount() {
        // when
        matching.match(line(1, 4_500), COMPLETED, List.of(payout(11, null)));
        // then
        assertThat(matching.refused()).isEmpty();
        assertThat(matching.matched()).extracting(match -> match.payout().payoutId()).containsExactly(11L);
    }

    @Test
    void refusesAFileNoRunWrote() {
        assertThat(refusal(line(1, 4_500), Optional.empty(), List.of()))
                .isEqualTo("line 1: no payout run wrote a bank file named payout-20261124.csv");
    }

    @Test
    void refusesAFileOfARunThatDidNotComplete() {
        assertThat(refusal(line(1, 4_500), Optional.of(new ReturnMatching.RunOfFile(PAID_ON, false)), List.of(payout(11, null))))
                .isEqualTo("line 1: the payout run of 2026-11-24 that wrote payout-20261124.csv has not completed;"
                        + " returns are imported against completed runs only");
    }

    @Test
    void refusesACustomerCodeTheFileDidNotPay() {
        assertThat(refusal(line(1, 4_500), COMPLETED, List.of()))
                .isEqualTo("line 1: payout-20261124.csv has no transfer to customer code 0000000007");
    }

    @Test
    void refusesALineThatMatchesMoreThanOnePayout() {
        assertThat(refusal(line(1, 4_500), COMPLETED, List.of(payout(11, null), payout(12, null))))
                .isEqualTo("line 1: the transfer to customer code 0000000007 in payout-20261124.csv matches 2 payouts,"
                        + " not exactly one");
    }

    @Test
    void refusesTheGrossOrAnyAmountButTheAmountTransferred() {
        assertThat(refusal(line(1, 5_000), COMPLETED, List.of(payout(11, null))))
                .isEqualTo("line 1: the amount 5000 yen differs from the 4500 yen of the transfer to customer code"
                        + " 0000000007 in payout-20261124.csv");
    }

    @Test
    void refusesAnotherAccountNamingTheFieldsButNotTheirValues() {
        assertThat(refusal(line(1, 4_500, "0005", "7654321", "ﾔﾏﾀﾞ ﾊﾅｺ"), COMPLETED, List.of(payout(11, null))))
                .isEqualTo("line 1: the bank code, the account number, the payee name differ from the account of the"
                        + " transfer to customer code 0000000007 in payout-20261124.csv")
                .doesNotContain("7654321").doesNotContain("1234567");
    }

    @Test
    void refusesAPayoutAlreadyReturned() {
        assertThat(refusal(line(1, 4_500), COMPLETED, List.of(payout(11, "line 3 of /in/returns-1.csv, imported 2026-11-25"))))
                .isEqualTo("line 1: the transfer to customer code 0000000007 in payout-20261124.csv already came back"
                        + " (line 3 of /in/returns-1.csv, imported 2026-11-25); a payout is returned once");
    }

    @Test
    void refusesASecondLineNamingTheSamePayout() {
        // when
        matching.match(line(1, 4_500), COMPLETED, List.of(payout(11, null)));
        matching.match(line(2, 4_500), COMPLETED, List.of(payout(11, null)));
        // then
        assertThat(matching.matched()).hasSize(1);
        assertThat(matching.refused()).extracting(RefusedLine::toString).containsExactly(
                "line 2: the transfer to customer code 0000000007 in payout-20261124.csv is named by line 1 already");
    }

    @Test
    void refusesAReturnDateBeforeThePayoutButAcceptsTheSameDay() {
        // given
        ReturnMatching early = new ReturnMatching(PAID_ON.minusDays(1), 10);
        ReturnMatching sameDay = new ReturnMatching(PAID_ON, 10);
        // when
        early.match(line(1, 4_500), COMPLETED, List.of(payout(11, null)));
        sameDay.match(line(1, 4_500), COMPLETED, List.of(payout(11, null)));
        // then
        assertThat(early.refused()).extracting(RefusedLine::toString).containsExactly(
                "line 1: the return date 2026-11-23 is before the payout of 2026-11-24 was made");
        assertThat(sameDay.matched()).hasSize(1);
    }

    /** A line of a bank that does not carry our file name: the transfer date instead. */
    private static NoticeLine transferredOn(String transferDate, long amountYen) {
        return new NoticeLine(1, null, LocalDate.parse(transferDate), null, 7, "0036", "251", null, "1234567", null,
                amountYen, ReturnReason.NO_SUCH_ACCOUNT, "");
    }

    private static ReturnedPayout paidOn(long id, String businessDate, long amountYen, boolean completed) {
        return new ReturnedPayout(id, 7, LocalDate.parse(businessDate), "payout-" + businessDate.replace("-", "") + ".csv",
                completed, amountYen + 500, 500, amountYen, ACCOUNT, null);
    }

    @Test
    void withoutAFileNameATransferDateLooksUpToTheWindowBeforeIt() {
        // then: a transfer dated 2026-11-26 comes from a run of 2026-11-16 (window of 10 days) to 2026-11-26
        assertThat(matching.runsFor(transferredOn("2026-11-26", 4_500)))
                .isEqualTo(new ReturnMatching.Runs(LocalDate.parse("2026-11-16"), LocalDate.parse("2026-11-26")));
        assertThat(matching.runsFor(new NoticeLine(1, null, null, PAID_ON, 7, "0036", "251", null, "1234567", null, 4_500,
                ReturnReason.NO_SUCH_ACCOUNT, ""))).isEqualTo(new ReturnMatching.Runs(PAID_ON, PAID_ON));
    }

    @Test
    void withoutAFileNameMatchesTheOnePayoutOfThatAmountToThatAccount() {
        // when: two payouts in the window, one of them of the line's amount
        matching.match(transferredOn("2026-11-26", 4_500), Optional.empty(),
                List.of(paidOn(11, "2026-11-20", 3_000, true), paidOn(12, "2026-11-24", 4_500, true)));
        // then
        assertThat(matching.refused()).isEmpty();
        assertThat(matching.matched()).extracting(match -> match.payout().payoutId()).containsExactly(12L);
    }

    @Test
    void withoutAFileNameRefusesALineThatMatchesNoPayoutOrMoreThanOne() {
        assertThat(refusal(transferredOn("2026-11-26", 4_500), Optional.empty(), List.of(paidOn(11, "2026-11-20", 3_000, true))))
                .isEqualTo("line 1: no payout matches: the runs of 2026-11-16 to 2026-11-26 (transfer date 2026-11-26, up to"
                        + " 10 days after a run's business date) paid customer code 0000000007 no 4500 yen to that account;"
                        + " 1 payout to it differs in amount or account");
        ReturnMatching twice = new ReturnMatching(LocalDate.parse("2026-11-26"), 10);
        twice.match(transferredOn("2026-11-26", 4_500), Optional.empty(),
                List.of(paidOn(11, "2026-11-20", 4_500, true), paidOn(12, "2026-11-24", 4_500, true)));
        assertThat(twice.refused()).extracting(RefusedLine::toString).containsExactly("line 1: matches 2 payouts, in"
                + " payout-20261120.csv and payout-20261124.csv, not exactly one: list this return in a notice that names"
                + " the bank file");
    }

    @Test
    void withoutAFileNameRefusesAPayoutOfARunThatDidNotComplete() {
        assertThat(refusal(transferredOn("2026-11-26", 4_500), Optional.empty(), List.of(paidOn(11, "2026-11-24", 4_500, false))))
                .isEqualTo("line 1: the payout run of 2026-11-24 that wrote payout-20261124.csv has not completed;"
                        + " returns are imported against completed runs only");
    }

    @Test
    void aFileNameAndADateMustAgree() {
        // given: the file's run is of 2026-11-24: a transfer dated 2026-11-23 cannot be its, one on 2026-12-04 (the
        // window's last day) can
        NoticeLine before = new NoticeLine(1, FILE, LocalDate.parse("2026-11-23"), null, 7, "0036", "251", null, "1234567",
                null, 4_500, ReturnReason.NO_SUCH_ACCOUNT, "");
        NoticeLine lastDayOfTheWindow = new NoticeLine(2, FILE, LocalDate.parse("2026-12-04"), null, 7, "0036", "251", null,
                "1234567", null, 4_500, ReturnReason.NO_SUCH_ACCOUNT, "");
        // then
        assertThat(refusal(before, COMPLETED, List.of(payout(11, null)))).isEqualTo("line 1: the transfer date 2026-11-23"
                + " cannot be that of the run of 2026-11-24 that wrote payout-20261124.csv (on its business date or up to"
                + " 10 days after)");
        ReturnMatching inWindow = new ReturnMatching(LocalDate.parse("2026-12-05"), 10);
        inWindow.match(lastDayOfTheWindow, COMPLETED, List.of(payout(11, null)));
        assertThat(inWindow.matched()).hasSize(1);
    }

    @Test
    void aFileNameThatIsNotOneOfOursIsMaskedInTheRefusal() {
        // given: a misaligned export put the payee name where the file name goes
        NoticeLine misaligned = new NoticeLine(1, "ﾔﾏﾀﾞ ﾀﾛｳ", null, null, 7, "0036", "251", null, "1234567", null, 4_500,
                ReturnReason.NO_SUCH_ACCOUNT, "");
        // then
        assertThat(refusal(misaligned, Optional.empty(), List.of()))
                .isEqualTo("line 1: no payout run wrote a bank file named 'ﾔ***' (masked)");
    }

    @Test
    void creditsTheAmountTransferredOrWithRefundFeeTheGross() {
        assertThat(payout(11, null).creditYen(false)).isEqualTo(4_500);
        assertThat(payout(11, null).creditYen(true)).isEqualTo(5_000);
    }

    @Test
    void conservationFailsWhenTheCreditsDifferFromTheReturnedAmounts() {
        // given
        ReturnConservation kept = new ReturnConservation(3, 3, 3, 3, 12_000, 12_000, false);
        ReturnConservation short100 = new ReturnConservation(3, 3, 2, 3, 11_900, 12_000, true);
        // then
        assertThat(kept.violations()).isEmpty();
        assertThat(short100.violations()).containsExactly(
                "3 lines but 3 returns, 2 credits and 3 flagged accounts recorded",
                "credited 11900 yen != the returned payouts' gross 12000 yen");
    }
}
