package jp.crowdpay.jobs.bench;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import jp.crowdpay.jobs.seed.LedgerSpec;

/**
 * The figures of one benchmark, printed for a person (and pasted into docs/benchmark.md); no
 * yardsticks with --job-only.
 *
 * @param jobStepsWall from the first step's start to the last step's end: the job's time, its
 *                     steps beside each other counted once
 * @param sameFiles whether the yardsticks wrote the same bytes into their bank files (true with one or none)
 */
record BenchmarkReport(LedgerSpec spec, long rewardsInScope, JobProcess.Result job, List<StepTiming> jobSteps,
                       Duration jobStepsWall, ServerActivity jobActivity, LedgerDigest jobLedger, List<YardstickRun> yardsticks,
                       boolean sameFiles) {

    /** The job and every yardstick left the same ledger, and the yardsticks the same bank file. */
    boolean same() {
        return sameFiles && yardsticks.stream().allMatch(yardstick -> yardstick.ledger().equals(jobLedger));
    }

    void print(PrintWriter out) {
        double jobSteps = jobSeconds();
        out.println();
        out.printf("Rewards in the run's scope: %,d%n", rewardsInScope);
        out.println("Job (child JVM):");
        for (StepTiming step : this.jobSteps) {
            out.printf("  %-22s %9.2f s%n", step.step(), step.seconds());
        }
        out.printf("  %-22s %9.2f s  %,12.0f rewards/s  (first step's start to last step's end)%n", "steps",
                jobSteps, rewardsInScope / jobSteps);
        out.printf("  %-22s %9.2f s  (JVM start and stop included)%n", "process wall", job.wall().toMillis() / 1e3);
        out.printf("  %-22s %6d MB heap (before GC, from the GC log)  %d MB RSS (VmHWM)%n", "peak",
                job.peakHeapMb(), job.peakRssMb());
        out.printf("  %-22s %s%n", "server", jobActivity);
        if (yardsticks.isEmpty()) {
            out.printf("Yardsticks: not run (--job-only); per reward: job %.2f us%n", 1e6 * jobSteps / rewardsInScope);
            out.println("Outcome:");
            out.println("  job        " + jobLedger.payouts());
            out.println("             " + jobLedger.rewards());
            return;
        }
        for (YardstickRun yardstick : yardsticks) {
            out.println("Yardstick " + yardstick.resource() + " (one transaction):");
            for (StepTiming step : yardstick.steps()) {
                out.printf("  %-22s %9.2f s%n", step.step(), step.seconds());
            }
            out.printf("  %-22s %9.2f s  %,12.0f rewards/s%n", "total", yardstick.seconds(),
                    rewardsInScope / yardstick.seconds());
            out.printf("  %-22s %s%n", "server", yardstick.activity());
        }
        out.printf("Per reward: job %.2f us", 1e6 * jobSteps / rewardsInScope);
        for (YardstickRun yardstick : yardsticks) {
            out.printf(", %s %.2f us", yardstick.resource(), 1e6 * yardstick.seconds() / rewardsInScope);
        }
        out.println();
        for (YardstickRun yardstick : yardsticks) {
            out.printf("Ratio job / %s: %.2f (job steps / yardstick)%n", yardstick.resource(), jobSteps / yardstick.seconds());
        }
        YardstickRun faster = yardsticks.stream().min(Comparator.comparingDouble(YardstickRun::seconds)).orElseThrow();
        out.printf("Ratio job / faster yardstick: %.2f (%s)%n", jobSteps / faster.seconds(), faster.resource());
        out.println("Outcome:");
        out.println("  job        " + jobLedger.payouts());
        out.println("             " + jobLedger.rewards());
        for (YardstickRun yardstick : yardsticks) {
            out.println("  " + yardstick.resource());
            out.println("             " + yardstick.ledger().payouts());
            out.println("             " + yardstick.ledger().rewards());
        }
        if (yardsticks.size() > 1) {
            out.println(sameFiles
                    ? "  SAME bank file from every yardstick, byte for byte"
                    : "  DIFFERENT: the yardsticks wrote different bank files");
        }
        out.println(yardsticks.stream().allMatch(yardstick -> yardstick.ledger().equals(jobLedger))
                ? "  SAME payouts and reward statuses"
                : "  DIFFERENT: the job and the yardsticks disagree");
    }

    private double jobSeconds() {
        return jobStepsWall.toMillis() / 1e3;
    }
}
