package jp.crowdpay.jobs.close;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.DatabaseTest.Captured;
import jp.crowdpay.jobs.support.LedgerFixture;
import org.springframework.jdbc.core.JdbcTemplate;

/** Nights, return notices and closes in the fewest words a test can read; the commands run in the test's application. */
final class CloseFixture {

    static final Charset CP932 = Charset.forName("windows-31j");

    private final Function<String[], Captured> commands;
    private final JdbcTemplate jdbc;
    private final LedgerFixture ledger;
    private final Path inbox;
    private LocalDate lastNight;

    CloseFixture(Function<String[], Captured> commands, JdbcTemplate jdbc, Path inbox) {
        this.commands = commands;
        this.jdbc = jdbc;
        this.ledger = new LedgerFixture(jdbc);
        this.inbox = inbox;
    }

    LedgerFixture ledger() {
        return ledger;
    }

    Captured run(String... args) {
        return commands.apply(args);
    }

    /** The payout of the date; it must complete. */
    void night(String date) {
        Captured night = run("payout", "--date", date);
        assertThat(night.exitCode()).as(night.err()).isEqualTo(ExitCodes.OK);
        lastNight = LocalDate.parse(date);
    }

    /** Every night after the last one run (or from {@code from}) up to and including {@code through}. */
    void nights(String from, String through) {
        for (LocalDate date = LocalDate.parse(from); !date.isAfter(LocalDate.parse(through)); date = date.plusDays(1)) {
            night(date.toString());
        }
    }

    void nightsThrough(String through) {
        nights(lastNight.plusDays(1).toString(), through);
    }

    /** Imports a return notice of the given lines (default layout: CSV, CP932, CRLF) with the return date; it must be applied. */
    void returned(String returnDate, String... lines) throws IOException {
        Path notice = inbox.resolve("returns-" + returnDate + "-" + Math.abs(Arrays.hashCode(lines)) + ".csv");
        Files.createDirectories(inbox);
        Files.write(notice, Arrays.stream(lines).map(line -> line + "\r\n").collect(Collectors.joining()).getBytes(CP932));
        Captured imported = run("import-returns", notice.toString(), "--date", returnDate);
        assertThat(imported.exitCode()).as(imported.err()).isEqualTo(ExitCodes.OK);
    }

    Captured close(String month, String... options) {
        String[] args = new String[options.length + 3];
        args[0] = "close-month";
        args[1] = "--month";
        args[2] = month;
        System.arraycopy(options, 0, args, 3, options.length);
        return run(args);
    }

    Captured closed(String month, String... options) {
        Captured close = close(month, options);
        assertThat(close.exitCode()).as(close.err()).isEqualTo(ExitCodes.OK);
        return close;
    }

    /** The recorded figures of a close, as text: the month's row without its snapshot, time and author. */
    String recorded(String month) {
        return jdbc.queryForList("""
                select opening_count || ' ' || opening_yen || ' late ' || late_confirmed_count || ' ' || late_confirmed_yen
                       || ' ' || late_recredited_count || ' ' || late_recredited_yen || ' ' || late_recredited_fee_refund_yen
                       || ' closing ' || closing_count || ' ' || closing_yen || ' night ' || night_unpaid_count || ' '
                       || night_unpaid_yen || ' arrived ' || arrived_after_count || ' ' || arrived_after_yen
                       || ' missed ' || missed_nights::text || ' journal ' || coalesce(journal_manifest || ' ' || journal_sha256, '-')
                from closed_month where month = ?::date""", String.class, month + "-01").toString();
    }

    /** The recorded days of a close that moved anything, as text: date, confirmed, re-credited, paid, expired. */
    String recordedDays(String month) {
        return String.join("\n", jdbc.queryForList("""
                select business_date || ' ' || case when night_run_id is null then 'missed' else 'night' end
                       || ' confirmed ' || confirmed_count || '/' || confirmed_yen
                       || ' recredited ' || recredited_count || '/' || recredited_yen || '/' || recredited_fee_refund_yen
                       || ' paid ' || payouts || '/' || paid_rewards || '/' || paid_gross_yen || '/' || paid_fee_yen || '/'
                       || paid_transferred_yen || ' expired ' || expired_count || '/' || expired_yen
                from closed_month_day
                where month = ?::date and (confirmed_count + recredited_count + payouts + expired_count > 0)
                order by business_date""", String.class, month + "-01"));
    }
}
