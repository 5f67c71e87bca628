package jp.crowdpay.jobs.payout.run;

/**
 * The run of the job's business date as the step found it when it started: a step-scoped bean,
 * so that the step's reader, writer, tasklet and listeners share one lookup of the run instead of
 * each turning the date into it again. Partitions are step executions of their own, and each
 * looks the run up once. What a step itself changes in the run's row (the marked totals) is read
 * again where it is needed ({@link PayoutLedger#reread}).
 */
public class RunOfTheStep {

    private final PayoutRun run;

    public RunOfTheStep(PayoutRun run) {
        this.run = run;
    }

    public PayoutRun run() {
        return run;
    }
}
