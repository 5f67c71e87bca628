package jp.crowdpay.jobs.support;

import java.time.Duration;

/** Polls a condition with a short pause between polls, up to a deadline: no fixed sleeps as synchronisation. */
public final class Await {

    private static final long POLL_MILLIS = 50;

    private Await() {
    }

    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    public static void until(String what, Duration timeout, Condition condition) {
        until(what, timeout, null, condition);
    }

    /** As {@link #until(String, Duration, Condition)}, but fails at once if the child process exits meanwhile. */
    public static void until(String what, Duration timeout, Process child, Condition condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!condition.holds()) {
                if (child != null && !child.isAlive()) {
                    throw new AssertionError("the child exited with " + child.exitValue() + " before: " + what);
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("not within " + timeout + ": " + what);
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (AssertionError e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting until " + what, e);
        } catch (Exception e) {
            throw new AssertionError("cannot check whether " + what, e);
        }
    }
}
