package jp.crowdpay.jobs.payout.handover;

import java.io.IOException;
import jp.crowdpay.jobs.bankfile.BankFileManifest;
import jp.crowdpay.jobs.bankfile.Outbox;
import jp.crowdpay.jobs.payout.run.PayoutRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

/**
 * The run's bank file, written while its rewards are settled and published once they are. The
 * file is made of the recorded payouts alone, which the settling does not change, so it can be
 * written on a core the settling leaves idle; but the bank must not see it before the settling
 * has proven the payouts. A process that did not stage the file (a run continued after a failure
 * past the staging) writes it when it publishes: the same bytes either way.
 */
@Component
public class BankFileStaging implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(BankFileStaging.class);

    private final PayoutBankFile bankFile;
    private final Outbox outbox;
    private PayoutBankFile.Staged staged;

    public BankFileStaging(PayoutBankFile bankFile, Outbox outbox) {
        this.bankFile = bankFile;
        this.outbox = outbox;
    }

    /** Writes the run's file and manifest beside the outbox, replacing any staged before. */
    public void stage(PayoutRun run) throws IOException {
        PayoutBankFile.Staged written = bankFile.stage(run, outbox, null);
        PayoutBankFile.Staged before;
        synchronized (this) {
            before = staged;
            staged = written;
        }
        if (before != null) {
            before.close();
        }
    }

    /** Publishes the run's staged file, or writes and publishes it now if none is staged. */
    public BankFileManifest publish(PayoutRun run) throws IOException {
        PayoutBankFile.Staged mine = take(run);
        try (PayoutBankFile.Staged file = mine != null ? mine : bankFile.stage(run, outbox, null)) {
            return file.publish();
        }
    }

    /** Removes a staged file that was not published: the run stopped before its handover. */
    @Override
    public void afterJob(JobExecution jobExecution) {
        PayoutBankFile.Staged left = take(null);
        if (left != null) {
            closeQuietly(left);
        }
    }

    private synchronized PayoutBankFile.Staged take(PayoutRun run) {
        PayoutBankFile.Staged taken = staged;
        staged = null;
        if (taken != null && run != null && taken.runId() != run.id()) {
            closeQuietly(taken);
            return null;
        }
        return taken;
    }

    private static void closeQuietly(PayoutBankFile.Staged left) {
        try {
            left.close();
        } catch (IOException e) {
            // hidden temporary files nobody picks up; the next staging of their name removes them
            log.warn("could not remove the staged bank file: {}", e.getMessage());
        }
    }
}
