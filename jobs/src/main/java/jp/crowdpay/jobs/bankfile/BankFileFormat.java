package jp.crowdpay.jobs.bankfile;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;

/**
 * A layout the bank takes: how a run's payouts become bytes, how to read totals back, and what it
 * cannot write, so that a payout is decided against the file before it is made.
 */
public interface BankFileFormat {

    /** The format's name in settings and manifests: csv, zengin. */
    String name();

    String fileName(LocalDate businessDate);

    /** Starts a file on the stream; lines come in worker-id order; close() completes the file. */
    LineWriter open(OutputStream out, LocalDate businessDate) throws IOException;

    /** Reads a file of this format back, for the run's proof that the file holds what was paid. */
    FileTotals totals(Path file) throws IOException;

    /**
     * Why this line cannot be written in this format, naming the field and never its value (the
     * answer goes into run reports); empty when it can. {@link LineWriter#write} never fails on
     * a line this accepts.
     */
    Optional<String> cannotWrite(PayoutLine line);

    /**
     * Fails with an {@link jp.crowdpay.jobs.settings.InvalidSettingException} when the settings
     * cannot write the file of this business date (a holiday file that does not cover its transfer
     * date), so that the run is refused before it pays rather than failing at its file.
     */
    default void checkSettingsFor(LocalDate businessDate) {
    }

    /** How many lines and yen one file can state, for formats whose trailer limits them. */
    Optional<FileLimits> limits();

    interface LineWriter extends AutoCloseable {
        void write(PayoutLine line) throws IOException;

        @Override
        void close() throws IOException;
    }

    record FileTotals(long records, BigInteger totalYen) {
    }

    record FileLimits(long records, long totalYen) {
    }
}
