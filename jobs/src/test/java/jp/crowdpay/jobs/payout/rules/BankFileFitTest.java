package jp.crowdpay.jobs.payout.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import jp.crowdpay.jobs.bankfile.BankFileProperties;
import jp.crowdpay.jobs.bankfile.CsvBankFileFormat;
import jp.crowdpay.jobs.bankfile.CsvLayout.Column;
import jp.crowdpay.jobs.bankfile.CsvLayout;
import jp.crowdpay.jobs.bankfile.PayoutLine;
import jp.crowdpay.jobs.bankfile.ZenginBankFileFormat;
import jp.crowdpay.jobs.bankfile.ZenginClearingHouse;
import jp.crowdpay.jobs.bankfile.account.AccountType;
import jp.crowdpay.jobs.bankfile.account.BankAccount;
import jp.crowdpay.jobs.bankfile.calendar.BankCalendar;
import jp.crowdpay.jobs.bankfile.calendar.HolidayCalendarFile;
import org.junit.jupiter.api.Test;

class BankFileFitTest {

    private static final BankAccount ACCOUNT = new BankAccount("0005", "001", AccountType.ORDINARY, "1234567", "ﾃｽﾄ");
    private static final BankFileFit ZENGIN = new BankFileFit(new ZenginBankFileFormat(
            new BankFileProperties.Zengin("1234567890", "ｸﾗｳﾄﾞﾍﾟｲ(ｶ", "0005", "ﾐﾂﾋﾞｼUFJ", "001", "ﾎﾝﾃﾝ", 1, "7654321",
                    ZenginClearingHouse.ZEROS),
            new BankCalendar(HolidayCalendarFile.load(Path.of("../config/holidays-jp.csv"))), 1));
    private static final BankFileFit CSV = new BankFileFit(new CsvBankFileFormat());

    private static Decision.Pay pay(long workerId, long amountYen) {
        WorkerBalance balance = new WorkerBalance(workerId, BigInteger.valueOf(amountYen), 1, WithdrawalMethod.ON_DEMAND, false,
                new AccountCheck.Usable(ACCOUNT));
        return new Decision.Pay(balance, ACCOUNT, 0);
    }

    private static Decision check(BankFileFit fit, Decision.Pay pay, String bankName, BankFileFit.Room room) {
        return fit.check(pay, new PayoutLine(pay.balance().workerId(), ACCOUNT, pay.amountYen(), bankName, null), room);
    }

    @Test
    void carriesForwardAZenginLineOfTenBillionYenNamingTheFieldNotTheValue() {
        // when
        Decision decision = check(ZENGIN, pay(1, 10_000_000_000L), null, ZENGIN.room(0, BigInteger.ZERO));
        // then
        assertThat(decision).isEqualTo(new Decision.CarryForward(pay(1, 10_000_000_000L).balance(), PayoutOutcome.BANK_FILE_LIMIT,
                "the zengin file cannot hold this line: amount must be 1 to 9999999999 yen"));
    }

    @Test
    void fillsTheZenginFileToExactly999999LinesAndCarriesForwardTheNext() {
        // given
        BankFileFit.Room room = ZENGIN.room(999_998, BigInteger.ZERO);
        // when
        Decision last = check(ZENGIN, pay(1, 1_000), null, room);
        Decision beyond = check(ZENGIN, pay(2, 1_000), null, room);
        // then
        assertThat(last.outcome()).isEqualTo(PayoutOutcome.PAID);
        assertThat(beyond.outcome()).isEqualTo(PayoutOutcome.BANK_FILE_LIMIT);
        assertThat(((Decision.CarryForward) beyond).detail())
                .isEqualTo("the zengin file of the night is full: it holds at most 999999 lines and 999999999999 yen");
    }

    @Test
    void fillsTheZenginFileToExactlyItsTotalAndCarriesForwardOneYenMore() {
        // given
        BankFileFit.Room room = ZENGIN.room(0, BigInteger.valueOf(999_999_999_999L - 4_500));
        // when
        Decision exact = check(ZENGIN, pay(1, 4_500), null, room);
        Decision beyond = check(ZENGIN, pay(2, 1), null, room);
        // then
        assertThat(exact.outcome()).isEqualTo(PayoutOutcome.PAID);
        assertThat(beyond.outcome()).isEqualTo(PayoutOutcome.BANK_FILE_LIMIT);
    }

    @Test
    void setsNoLimitToACsvFile() {
        // when
        Decision decision = check(CSV, pay(1, Long.MAX_VALUE), null, null);
        // then
        assertThat(CSV.limitsFiles()).isFalse();
        assertThat(decision.outcome()).isEqualTo(PayoutOutcome.PAID);
    }

    @Test
    void carriesForwardACsvLineWhoseBankNameWouldShiftTheColumns() {
        // given: a layout with bank names, and a name from the master with a comma
        BankFileFit withNames = new BankFileFit(new CsvBankFileFormat(new CsvLayout("names",
                List.of(Column.BANK_CODE, Column.BANK_NAME,
                        Column.BRANCH_CODE, Column.ACCOUNT_NUMBER,
                        Column.PAYEE_NAME, Column.AMOUNT),
                List.of(), List.of(), Charset.forName("Windows-31J"), "\r\n")));
        // when
        Decision decision = check(withNames, pay(1, 1_000), "ﾐｽﾞﾎ,ｷﾞﾝｺｳ", null);
        // then
        assertThat(((Decision.CarryForward) decision).detail()).isEqualTo(
                "the csv file cannot hold this line: bank name has a comma, quote or line break, which an unquoted field cannot hold");
    }
}
