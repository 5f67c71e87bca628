package jp.crowdpay.jobs.bench;

import java.nio.file.Path;
import java.util.List;

/** One yardstick's night on its copy of the ledger: its statements' timings, what it left, and its bank file. */
record YardstickRun(String resource, List<StepTiming> steps, ServerActivity activity, LedgerDigest ledger, Path file) {

    double seconds() {
        return steps.stream().mapToDouble(StepTiming::seconds).sum();
    }
}
