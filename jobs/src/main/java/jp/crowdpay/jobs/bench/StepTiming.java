package jp.crowdpay.jobs.bench;

import java.time.Duration;

/** How long one step of the job, or one statement of the yardstick, took. */
record StepTiming(String step, Duration elapsed) {

    double seconds() {
        return elapsed.toNanos() / 1e9;
    }
}
