package jp.crowdpay.jobs.bench;

import java.io.PrintWriter;
import java.util.List;
import jp.crowdpay.jobs.seed.LedgerSpec;

/** The figures of one benchmark, printed for a person (and pasted into docs/benchmark.md); no yardstick with --job-only. */
record BenchmarkReport(LedgerSpec spec, long rewardsInScope, JobProcess.Result job, List<StepTiming> jobSteps,
                       ServerActivity jobActivity, List<StepTiming> yardstick, ServerActivity yardstickActivity,
                       LedgerDigest jobLedger, LedgerDigest yardstickLedger) {

    void print(PrintWriter out) {
        double jobSteps = total(this.jobSteps);
        out.println();
        out.printf("Rewards in the run's scope: %,d%n", rewardsInScope);
        out.println("Job (child JVM):");
        for (StepTiming step : this.jobSteps) {
            out.printf("  %-22s %9.2f s%n", step.step(), step.seconds());
        }
        out.printf("  %-22s %9.2f s  %,12.0f rewards/s%n", "steps total", jobSteps, rewardsInScope / jobSteps);
        out.printf("  %-22s %9.2f s  (JVM start and stop included)%n", "process wall", job.wall().toMillis() / 1e3);
        out.printf("  %-22s %6d MB heap (before GC, from the GC log)  %d MB RSS (VmHWM)%n", "peak",
                job.peakHeapMb(), job.peakRssMb());
        out.printf("  %-22s %s%n", "server", jobActivity);
        if (yardstick == null) {
            out.printf("Yardstick: not run (--job-only); per reward: job %.2f us%n", 1e6 * jobSteps / rewardsInScope);
            out.println("Outcome:");
            out.println("  job        " + jobLedger.payouts());
            out.println("             " + jobLedger.rewards());
            return;
        }
        double yardstickTotal = total(yardstick);
        out.println("Yardstick (bench/yardstick.sql, one transaction):");
        for (StepTiming step : yardstick) {
            out.printf("  %-22s %9.2f s%n", step.step(), step.seconds());
        }
        out.printf("  %-22s %9.2f s  %,12.0f rewards/s%n", "total", yardstickTotal, rewardsInScope / yardstickTotal);
        out.printf("  %-22s %s%n", "server", yardstickActivity);
        out.printf("Ratio job / yardstick: %.2f (steps total), per reward: job %.2f us, yardstick %.2f us%n",
                jobSteps / yardstickTotal, 1e6 * jobSteps / rewardsInScope, 1e6 * yardstickTotal / rewardsInScope);
        out.println("Outcome:");
        out.println("  job        " + jobLedger.payouts());
        out.println("             " + jobLedger.rewards());
        out.println("  yardstick  " + yardstickLedger.payouts());
        out.println("             " + yardstickLedger.rewards());
        out.println(jobLedger.equals(yardstickLedger)
                ? "  SAME payouts and reward statuses"
                : "  DIFFERENT: the job and the yardstick disagree");
    }

    private static double total(List<StepTiming> steps) {
        return steps.stream().mapToDouble(StepTiming::seconds).sum();
    }
}
