package jp.crowdpay.jobs.bankfile;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.LocalDate;

/** A layout the bank takes: how a run's payouts become bytes, and how to read totals back. */
public interface BankFileFormat {

    /** The format's name in settings and manifests: csv, zengin. */
    String name();

    String fileName(LocalDate businessDate);

    /** Starts a file on the stream; lines come in worker-id order; close() completes the file. */
    LineWriter open(OutputStream out, LocalDate businessDate) throws IOException;

    /** Reads a file of this format back, for the run's proof that the file holds what was paid. */
    FileTotals totals(Path file) throws IOException;

    interface LineWriter extends AutoCloseable {
        void write(PayoutLine line) throws IOException;

        @Override
        void close() throws IOException;
    }

    record FileTotals(long records, long totalYen) {
    }
}
