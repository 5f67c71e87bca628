package jp.crowdpay.jobs.payout.handover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.ChildPayoutScenario;
import jp.crowdpay.jobs.support.ChildProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import jp.crowdpay.jobs.support.Tiers;

/**
 * A real full file system under the outbox: a tmpfs mounted for the test, sized in pages and
 * filled so that the bank file fits and its manifest does not. Mounting needs root (or
 * CAP_SYS_ADMIN); where that is not given the test is skipped and says why.
 */
@Tag(Tiers.PROCESS)
class FullOutboxTest extends ChildPayoutScenario {

    private static final int PAGE = 4096;

    private Path mounted;

    @Test
    void aDiskFullAtTheManifestPublishesNeitherFileAndTheSameCommandThenCompletesThePairByteForByte() throws Exception {
        // given: the outbox has room for the bank file but not for its manifest
        Outcome expected = uninterruptedRun();
        long fileBytes = Long.parseLong(expected.outbox().get("payout-20261102.csv").replaceAll(".*\\((\\d+) bytes\\)", "$1"));
        long filePages = (fileBytes + PAGE - 1) / PAGE;
        seedLedger();
        Path directory = work.resolve("full");
        Path outbox = directory.resolve("outbox");
        mountTmpfs(outbox, (filePages + 1) * PAGE);
        Path filler = outbox.resolve("filler");
        Files.write(filler, new byte[PAGE]);
        // when
        ChildProcess.Result full = runPayout(directory);
        // then: the run failed, and the bank sees no file without its manifest
        assertThat(full.exitCode()).as(full.out()).isEqualTo(ExitCodes.FAILED);
        assertThat(full.err()).contains("No space left on device").contains("run the same command again");
        assertThat(outbox(directory)).containsOnlyKeys("filler");
        // when: an operator frees space and runs the same command
        Files.delete(filler);
        ChildProcess.Result rerun = runPayout(directory);
        // then
        assertThat(rerun.exitCode()).as(rerun.err()).isEqualTo(ExitCodes.OK);
        assertThat(outcome(directory)).isEqualTo(expected);
    }

    private void mountTmpfs(Path folder, long bytes) throws IOException, InterruptedException {
        Files.createDirectories(folder);
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + bytes + ",mode=0700", "tmpfs", folder.toString())
                .redirectErrorStream(true).start();
        assertThat(mount.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(mount.getInputStream().readAllBytes());
        assumeTrue(mount.exitValue() == 0, "a full file system needs a tmpfs mount, which needs root: " + output);
        mounted = folder;
    }

    @AfterEach
    void unmount() throws IOException, InterruptedException {
        if (mounted != null) {
            Process umount = new ProcessBuilder("umount", mounted.toString()).redirectErrorStream(true).start();
            assertThat(umount.waitFor(30, TimeUnit.SECONDS)).isTrue();
            mounted = null;
        }
    }
}
