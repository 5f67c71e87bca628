package jp.crowdpay.jobs.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.Blocker;
import jp.crowdpay.jobs.support.ChildPayoutScenario;
import jp.crowdpay.jobs.support.ChildProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import jp.crowdpay.jobs.support.Tiers;

/** One run at a time per job: a second launch while the first holds the job exits 3 and names the first. */
@Tag(Tiers.PROCESS)
class ConcurrentLaunchTest extends ChildPayoutScenario {

    @Test
    void aSecondPayoutOfTheDateExitsThreeNamingTheRunInProgressAndTheFirstCompletes() throws Exception {
        // given: the first launch holds the job, stopped mid-pay
        seedLedger();
        try (Blocker paying = Blocker.before("insert", "payout", "new.worker_id > " + LATER_WORKERS)) {
            Process first = startPayout(work.resolve("first"));
            paying.awaitBlocked(first);
            long execution = count("select max(job_execution_id) from batch_job_execution");
            // when
            ChildProcess.Result second = ChildProcess.run(work.resolve("second"), ENV, "payout", "--date", DATE);
            paying.release();
            // then
            assertThat(second.exitCode()).as(second.err()).isEqualTo(ExitCodes.ALREADY_RUNNING);
            assertThat(second.err())
                    .contains("another run of nightlyPayoutJob is in progress: execution " + execution
                            + " (businessDate=" + DATE + "), running since ")
                    .contains("on " + InetAddress.getLocalHost().getHostName());
            assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(first.exitValue()).as(Files.readString(work.resolve("first/stderr.txt"))).isEqualTo(ExitCodes.OK);
        }
        assertThat(outbox(work.resolve("second"))).isEmpty();
        assertThat(count("select count(*) from batch_job_execution")).isOne();
    }

    @Test
    void aSecondLockReleaseWhileOneRunsExitsThreeAndTheFirstCompletes() throws Exception {
        // given: the first lock release holds the job, stopped as it records its execution
        try (Blocker starting = Blocker.before("insert", "batch_job_execution", "true")) {
            Process first = start(work.resolve("first"), Map.of(), "release-locks");
            starting.awaitBlocked(first);
            // when
            ChildProcess.Result second = ChildProcess.run(work.resolve("second"), Map.of(), "release-locks");
            starting.release();
            // then
            assertThat(second.exitCode()).as(second.err()).isEqualTo(ExitCodes.ALREADY_RUNNING);
            assertThat(second.err()).contains("another run of lockReleaseJob is in progress");
            assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(first.exitValue()).as(Files.readString(work.resolve("first/stderr.txt"))).isEqualTo(ExitCodes.OK);
        }
        assertThat(count("select count(*) from batch_job_execution")).isOne();
    }
}
