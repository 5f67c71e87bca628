package jp.crowdpay.jobs.support;

/**
 * The outbox of the application the tests start: {@code target/test-outbox}, or the one the build
 * gives each of its test JVMs ({@code payout.test.outbox}), so that two JVMs never empty each
 * other's files.
 */
public final class TestOutbox {

    /** The outbox of a test run from an IDE. */
    public static final String DEFAULT = "target/test-outbox";

    public static final String DIRECTORY = System.getProperty("payout.test.outbox", DEFAULT);

    private TestOutbox() {
    }
}
