package jp.crowdpay.jobs.support;

/**
 * The JUnit tags that keep the unit tier fast: {@code ./mvnw test} runs what has neither tag, in
 * seconds and with nothing running on the machine; {@code ./mvnw verify} runs the tagged tests
 * afterwards, in the integration-test phase. {@code architecture.TestTiersTest} fails when a test
 * reaches the database or starts a process without its tag.
 */
public final class Tiers {

    /** The test uses PostgreSQL (and with it the application's Spring context, often). */
    public static final String DATABASE = "database";

    /** The test starts a process: a child JVM, cron, promtool, the Pushgateway, dpkg. */
    public static final String PROCESS = "process";

    private Tiers() {
    }
}
