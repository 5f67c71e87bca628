package jp.crowdpay.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JobProcessTest {

    @Test
    void startsTheJobWithTheInstalledCommandsInitialHeapWhereTheMaximumAllowsIt() {
        assertThat(JobProcess.initialHeap("512m")).contains("-Xms64m");
        assertThat(JobProcess.initialHeap("2G")).contains("-Xms64m");
        assertThat(JobProcess.initialHeap("64m")).contains("-Xms64m");
        assertThat(JobProcess.initialHeap("65536k")).contains("-Xms64m");
    }

    @Test
    void leavesTheInitialHeapToTheJvmBelowSixtyFourMegabytesOrForASizeItCannotRead() {
        // -Xms64m beside a smaller -Xmx would stop the JVM before the job starts
        assertThat(JobProcess.initialHeap("63m")).isEmpty();
        assertThat(JobProcess.initialHeap("65535k")).isEmpty();
        assertThat(JobProcess.initialHeap("lots")).isEmpty();
    }
}
