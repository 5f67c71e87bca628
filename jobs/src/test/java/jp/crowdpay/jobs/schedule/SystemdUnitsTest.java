package jp.crowdpay.jobs.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jp.crowdpay.jobs.support.Command;
import jp.crowdpay.jobs.support.Command.Ran;
import jp.crowdpay.jobs.support.SystemdUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.util.FileSystemUtils;
import org.junit.jupiter.api.Tag;
import jp.crowdpay.jobs.support.Tiers;

/**
 * The systemd units of config/systemd/ as systemd itself reads and rates them
 * ({@code systemd-analyze verify} and {@code security --offline=true}), and what each must hold.
 */
@Tag(Tiers.PROCESS)
class SystemdUnitsTest {

    private static final Path UNITS = Path.of("../config/systemd");
    /** systemd-analyze rates 0 to 10; "OK" ends at 2.9, and --threshold takes tenths. */
    private static final double HIGHEST_EXPOSURE = 2.9;
    private static final String FAILURE_TEMPLATE = "payout-jobs-failure@.service";
    private static final Pattern EXPOSURE = Pattern.compile("Overall exposure level for \\S+: (\\d+\\.\\d)");
    private static final List<String> WRITABLE = List.of("/var/lib/payout-jobs/outbox", "/var/log/payout-jobs");

    @BeforeAll
    static void systemdAnalyzeIsThere() throws Exception {
        boolean installed;
        try {
            installed = Command.run(List.of("systemd-analyze", "--version")).exitCode() == 0;
        } catch (IOException notFound) {
            installed = false;
        }
        assumeTrue(installed, "systemd-analyze is not installed (Debian: apt-get install systemd)");
    }

    /** Every service shipped, the template as the instance the nightly payout's failure starts. */
    static Stream<String> services() throws IOException {
        try (Stream<Path> files = Files.list(UNITS)) {
            return files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".service")).sorted()
                    .map(name -> name.equals(FAILURE_TEMPLATE) ? "payout-jobs-failure@payout-nightly.service.service" : name)
                    .toList().stream();
        }
    }

    /** The services that run a command of the program (all but the failure notice). */
    static Stream<String> jobs() throws IOException {
        return services().filter(name -> !name.startsWith("payout-jobs-failure@"));
    }

    @ParameterizedTest
    @MethodSource("services")
    void everyServiceRatesOkOrBetterInSystemdsSecurityReview(String service, @TempDir Path root) throws Exception {
        // given the units installed where systemd looks for them, the shared sandbox beside them
        installed(root, UNITS);
        // when
        Ran review = Command.run(List.of("systemd-analyze", "security", "--offline=true", "--root=" + root,
                "--threshold=" + Math.round(HIGHEST_EXPOSURE * 10), service));
        // then
        assertThat(exposure(review)).as(review.output()).isLessThanOrEqualTo(HIGHEST_EXPOSURE);
        assertThat(review.exitCode()).as(review.output()).isZero();
    }

    @Test
    void theReviewFailsTheNightlyPayoutWithoutTheSandbox(@TempDir Path root, @TempDir Path copy) throws Exception {
        // given the units without their shared sandbox: the check above must be able to fail
        FileSystemUtils.copyRecursively(UNITS, copy);
        FileSystemUtils.deleteRecursively(copy.resolve("payout-.service.d"));
        installed(root, copy);
        // when
        Ran review = Command.run(List.of("systemd-analyze", "security", "--offline=true", "--root=" + root,
                "--threshold=" + Math.round(HIGHEST_EXPOSURE * 10), "payout-nightly.service"));
        // then
        assertThat(exposure(review)).as(review.output()).isGreaterThan(HIGHEST_EXPOSURE);
        assertThat(review.exitCode()).isNotZero();
    }

    @ParameterizedTest
    @MethodSource("services")
    void systemdFindsNothingToSayAboutAnyServiceAndItsSandbox(String service, @TempDir Path folder) throws Exception {
        // given the unit and its drop-ins as one file (verify reads a file's drop-ins from the system only)
        SystemdUnit unit = SystemdUnit.load(UNITS, service);
        Path file = Files.writeString(folder.resolve(service), unit.text());
        // when
        Ran verify = Command.run(List.of("systemd-analyze", "verify", file.toString()));
        // then: nothing but that the program is not installed on this machine
        List<String> complaints = verify.output().lines()
                .filter(line -> !line.endsWith("Command /usr/bin/payout-jobs is not executable: No such file or directory"))
                .toList();
        assertThat(complaints).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("jobs")
    void everyJobRunsSandboxedAsItsUserWithItsPasswordAsACredentialAndTellsOfItsFailure(String service) throws IOException {
        // given
        SystemdUnit unit = SystemdUnit.load(UNITS, service);
        // then
        assertThat(unit.value("Service.User")).contains("payout-jobs");
        assertThat(unit.value("Service.ExecStart")).hasValueSatisfying(command -> assertThat(command).startsWith("/usr/bin/payout-jobs "));
        assertThat(unit.value("Service.ProtectSystem")).contains("strict");
        assertThat(unit.items("Service.ReadWritePaths")).isNotEmpty().isSubsetOf(WRITABLE);
        assertThat(unit.value("Service.NoNewPrivileges")).contains("yes");
        assertThat(unit.value("Service.PrivateTmp")).contains("yes");
        assertThat(unit.value("Service.ProtectHome")).contains("yes");
        assertThat(unit.value("Service.CapabilityBoundingSet")).contains("");
        assertThat(unit.value("Unit.OnFailure")).contains("payout-jobs-failure@%n.service");
        assertThat(unit.all("Service.LoadCredential")).anyMatch(credential -> credential.matches(
                "spring\\.datasource\\.password:/etc/payout-jobs/credentials/[a-z-]+/spring\\.datasource\\.password"));
        // the password never through the environment, which `systemctl show` prints to anyone
        assertThat(unit.assignments().keySet()).noneMatch(key -> key.startsWith("Service.Environment"));
        // a bound on the run: RuntimeMaxSec= for Type=exec; TimeoutStartSec= for Type=oneshot, whose
        // start lasts the whole run, and for which systemd 252 ignores RuntimeMaxSec=
        assertThat(unit.value("Service.Type")).hasValueSatisfying(type -> assertThat(type).isIn("exec", "oneshot"));
        boolean oneshot = unit.value("Service.Type").orElseThrow().equals("oneshot");
        assertThat(unit.value(oneshot ? "Service.TimeoutStartSec" : "Service.RuntimeMaxSec")).isPresent();
        assertThat(unit.value("Service.RuntimeMaxSec").isPresent()).isNotEqualTo(oneshot);
        // every exit but 0 fails the unit and starts OnFailure=: the payout's exit 5 (the night
        // completed, its notices did not) and a refusal (exit 2) included
        assertThat(unit.value("Service.SuccessExitStatus")).isEmpty();
    }

    @ParameterizedTest(name = "{0} runs ''{1}'' as the role of credentials/{2}/")
    @CsvSource({
            "payout-nightly.service, payout, payout",
            "payout-notices.service, notify-expiring, payout",
            "payout-release-locks.service, release-locks, locks",
            "payout-check.service, status --check, readonly"})
    void everyJobLogsInWithTheCredentialsOfItsCommandsRole(String service, String command, String role) throws IOException {
        // given the roles of config/database/roles.sql, each with its folder of credentials (docs/deployment.md)
        SystemdUnit unit = SystemdUnit.load(UNITS, service);
        // then
        assertThat(unit.value("Service.ExecStart")).contains("/usr/bin/payout-jobs " + command);
        String folder = "/etc/payout-jobs/credentials/" + role + "/";
        assertThat(unit.all("Service.LoadCredential")).containsExactlyInAnyOrder(
                "spring.datasource.username:" + folder + "spring.datasource.username",
                "spring.datasource.password:" + folder + "spring.datasource.password");
    }

    @Test
    void theNightIsBoundToFourHoursAndItsNoticesCatchUpAtFourInTokyoOnceTheNightHasEnded() throws IOException {
        SystemdUnit night = SystemdUnit.load(UNITS, "payout-nightly.service");
        SystemdUnit notices = SystemdUnit.load(UNITS, "payout-notices.service");
        assertThat(night.value("Service.TimeoutStartSec")).contains("4h");
        assertThat(SystemdUnit.load(UNITS, "payout-nightly.timer").value("Timer.OnCalendar")).contains("*-*-* 02:00:00 Asia/Tokyo");
        assertThat(SystemdUnit.load(UNITS, "payout-notices.timer").value("Timer.OnCalendar")).contains("*-*-* 04:00:00 Asia/Tokyo");
        assertThat(notices.value("Service.ExecStart")).contains("/usr/bin/payout-jobs notify-expiring");
        // ordered after the night, which is starting until it ends (oneshot): after a boot that
        // found both timers elapsed, or a night still running at 04:00, the notices wait for its end
        assertThat(notices.items("Unit.After")).contains("payout-nightly.service");
        assertThat(night.value("Service.Type")).contains("oneshot");
        // ordered only: the catch-up runs without starting a night of its own
        assertThat(notices.items("Unit.Wants")).doesNotContain("payout-nightly.service");
        assertThat(notices.items("Unit.Requires")).doesNotContain("payout-nightly.service");
    }

    @Test
    void theCheckRunsHourlyWhereThePayoutRunsSoThatItReadsThePayoutsOutbox() throws IOException {
        SystemdUnit night = SystemdUnit.load(UNITS, "payout-nightly.service");
        SystemdUnit check = SystemdUnit.load(UNITS, "payout-check.service");
        assertThat(SystemdUnit.load(UNITS, "payout-check.timer").value("Timer.OnCalendar")).contains("*-*-* *:00:00 Asia/Tokyo");
        // the same user, working directory and program (whose settings name the outbox) as the night
        for (String key : List.of("Service.User", "Service.Group", "Service.WorkingDirectory")) {
            assertThat(check.value(key)).as(key).isEqualTo(night.value(key));
        }
        // the sandbox leaves the outbox readable: nothing hides it (ProtectSystem=strict only makes it read-only)
        for (String hiding : List.of("Service.InaccessiblePaths", "Service.TemporaryFileSystem", "Service.BindPaths")) {
            assertThat(check.items(hiding)).as(hiding).noneMatch(path -> "/var/lib/payout-jobs/outbox".startsWith(path.split(":")[0]));
        }
    }

    @Test
    void everyJobHasATimerAndEveryTimerAJob() throws IOException {
        List<String> jobs = jobs().map(name -> name.replace(".service", "")).toList();
        List<String> timers;
        try (Stream<Path> files = Files.list(UNITS)) {
            timers = files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".timer"))
                    .map(name -> name.replace(".timer", "")).toList();
        }
        assertThat(timers).containsExactlyInAnyOrderElementsOf(jobs)
                .containsExactlyInAnyOrder("payout-nightly", "payout-notices", "payout-release-locks", "payout-check");
    }

    /** The units copied into {@code root}/lib/systemd/system, where systemd-analyze --root looks. */
    private static void installed(Path root, Path units) throws IOException {
        FileSystemUtils.copyRecursively(units, Files.createDirectories(root.resolve("lib/systemd/system")));
    }

    private static double exposure(Ran review) {
        Matcher matcher = EXPOSURE.matcher(review.output());
        assertThat(matcher.find()).as(review.output()).isTrue();
        return Double.parseDouble(matcher.group(1));
    }
}
