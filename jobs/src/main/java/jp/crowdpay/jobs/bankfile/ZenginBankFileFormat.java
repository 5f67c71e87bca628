package jp.crowdpay.jobs.bankfile;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import jp.crowdpay.jobs.bankfile.account.BankAccount;
import jp.crowdpay.jobs.bankfile.calendar.BankCalendar;
import jp.crowdpay.jobs.bankfile.calendar.HolidaysNotCoveredException;
import jp.crowdpay.jobs.settings.InvalidSettingException;

/**
 * The Zengin 総合振込 file, {@code payout-YYYYMMDD.txt}: a header with the transfer date, one data
 * record per payout, a trailer with count and total, an end record. The transfer date is the
 * first bank business day on or after the business date plus the lead days, so the file stays a
 * function of the run (as long as the holiday file's past years are left alone).
 */
public class ZenginBankFileFormat implements BankFileFormat {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final BankFileProperties.Zengin requester;
    private final BankCalendar calendar;
    private final int leadDays;

    public ZenginBankFileFormat(BankFileProperties.Zengin requester, BankCalendar calendar, int leadDays) {
        this.requester = requester;
        this.calendar = calendar;
        this.leadDays = leadDays;
    }

    @Override
    public String name() {
        return "zengin";
    }

    @Override
    public String fileName(LocalDate businessDate) {
        return "payout-" + DAY.format(businessDate) + ".txt";
    }

    public LocalDate transferDate(LocalDate businessDate) {
        return calendar.transferDate(businessDate, leadDays);
    }

    @Override
    public void checkSettingsFor(LocalDate businessDate) {
        try {
            transferDate(businessDate);
        } catch (HolidaysNotCoveredException notCovered) {
            throw new InvalidSettingException("payout.bank-file.holidays", notCovered.getMessage());
        }
    }

    @Override
    public LineWriter open(OutputStream out, LocalDate businessDate) throws IOException {
        out.write(ZenginFileWriter.headerRecord(requester.header(MonthDay.from(transferDate(businessDate)))));
        return new LineWriter() {
            private int count;
            private long total;

            @Override
            public void write(PayoutLine line) throws IOException {
                count++;
                out.write(ZenginFileWriter.dataRecord(count, transfer(line), requester.clearingHouse()));
                total = Math.addExact(total, line.amountYen());
            }

            @Override
            public void close() throws IOException {
                // the trailer refuses a count or total beyond N6/N12: such a run needs splitting, not a wrong file
                out.write(ZenginFileWriter.trailerRecord(count, total));
                out.write(ZenginFileWriter.endRecord());
                out.close();
            }
        };
    }

    @Override
    public Optional<String> cannotWrite(PayoutLine line) {
        return ZenginFileWriter.dataRecordProblem(transfer(line))
                .map(problem -> "the zengin file cannot hold this line: " + problem);
    }

    @Override
    public Optional<FileLimits> limits() {
        return Optional.of(new FileLimits(ZenginFileWriter.MAX_COUNT, ZenginFileWriter.MAX_TOTAL));
    }

    private static ZenginTransfer transfer(PayoutLine line) {
        BankAccount account = line.account();
        return new ZenginTransfer(account.bankCode(), line.bankName(), account.branchCode(), line.branchName(),
                account.accountType(), account.accountNumber(), account.payeeName(), line.amountYen(), line.workerId());
    }

    /** Reads the file back strictly; a trailer that disagrees with its records fails the proof. */
    @Override
    public FileTotals totals(Path file) throws IOException {
        ZenginFileReader.Totals read;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            read = ZenginFileReader.totals(in);
        } catch (IllegalArgumentException notOurLayout) {
            throw new IOException(file + ": " + notOurLayout.getMessage(), notOurLayout);
        }
        if (read.trailerCount() != read.transfers() || read.trailerTotal() != read.sumOfTransfers()) {
            throw new IOException(file + ": the trailer states " + read.trailerCount() + " records and "
                    + read.trailerTotal() + " yen, the file holds " + read.transfers() + " and " + read.sumOfTransfers());
        }
        return new FileTotals(read.transfers(), BigInteger.valueOf(read.sumOfTransfers()));
    }
}
