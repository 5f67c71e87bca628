package jp.crowdpay.jobs.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jp.crowdpay.jobs.support.Command;
import jp.crowdpay.jobs.support.Command.Ran;
import jp.crowdpay.jobs.support.EmulatedService;
import jp.crowdpay.jobs.support.LedgerFixture;
import jp.crowdpay.jobs.support.PasswordCheckingProxy;
import jp.crowdpay.jobs.support.SystemdUnit;
import jp.crowdpay.jobs.support.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The Debian package the build writes, installed on this machine as an operator would: dpkg,
 * lintian, the units run as the package's user with their credentials (emulated: this machine has
 * no systemd), an upgrade over itself, removal and purge. Needs root and dpkg, as CI has; each test
 * purges the package and the user it created.
 */
class DebianPackageIT {

    private static final String PASSWORD = "planted-Deb-5c1e77";
    private static final Path UNITS = Path.of("/lib/systemd/system");
    private static final Path OUTBOX = Path.of("/var/lib/payout-jobs/outbox");
    private static final Path SETTINGS = Path.of("/etc/payout-jobs/application.yml");
    private static final List<String> TIMERS = List.of("payout-nightly.timer", "payout-notices.timer", "payout-release-locks.timer",
            "payout-check.timer");

    @TempDir
    Path temp;

    @BeforeAll
    static void rootWithDpkg() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "installing a package needs root (CI is root)");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/dpkg")), "installing a Debian package needs dpkg (a Debian machine)");
        purge();
    }

    @AfterEach
    void purgeTheInstallation() throws Exception {
        purge();
    }

    @Test
    void lintianFindsNoErrorInThePackage() throws Exception {
        // when
        Ran lintian = Command.run("lintian", "--fail-on", "error", deb().toString());
        // then
        assertThat(lintian.exitCode()).as(lintian.output()).isZero();
        assertThat(lintian.output().lines()).as(lintian.output()).noneMatch(line -> line.startsWith("E: "));
    }

    @Test
    void installsTheUserTheFoldersAndTheUnitsDisabledWithTheOwnersAndModesTheJobsNeed() throws Exception {
        // when
        install();
        // then the program and its command
        assertThat(mode("/usr/bin/payout-jobs")).isEqualTo("root root rwxr-xr-x");
        assertThat(mode("/usr/share/payout-jobs/payout-jobs.jar")).isEqualTo("root root rw-r--r--");
        Ran help = Command.run("runuser", "-u", "payout-jobs", "--", "payout-jobs", "--help");
        assertThat(help.exitCode()).as(help.output()).isZero();
        assertThat(help.output()).contains("Usage: payout-jobs", "payout", "release-locks", "notify-expiring", "status");
        Ran asRoot = Command.run("payout-jobs", "status", "--spring.datasource.password=typed-by-mistake");
        assertThat(asRoot.exitCode()).isEqualTo(2);
        assertThat(asRoot.output()).isEqualTo("error: payout-jobs runs as the user payout-jobs, not as root (the files it writes must be"
                + " that user's): sudo -u payout-jobs payout-jobs ...\n");
        // a system user without a login, at home in the state folder
        assertThat(Command.run("getent", "passwd", "payout-jobs").output()).matches("payout-jobs:x:\\d{3}:\\d{3}:[^:]*:/var/lib/payout-jobs:/usr/sbin/nologin\n");
        // the settings as conffiles, the credentials, the outbox and the logs the user's only
        assertThat(Command.run("dpkg-query", "-W", "-f=${Conffiles}", "payout-jobs").output().lines().map(line -> line.strip().split(" ")[0]))
                .containsExactlyInAnyOrder("/etc/logrotate.d/payout-jobs", "/etc/payout-jobs/application.yml",
                        "/etc/payout-jobs/holidays-jp.csv", "/etc/payout-jobs/bank-layouts/default.yml",
                        "/etc/payout-jobs/bank-layouts/gmo-aozora.yml", "/etc/payout-jobs/return-layouts/default.yml",
                        "/etc/payout-jobs/return-layouts/portal-example.yml");
        assertThat(Files.readString(SETTINGS)).contains("  outbox: /var/lib/payout-jobs/outbox\n",
                "    layouts: /etc/payout-jobs/bank-layouts\n", "    holidays: /etc/payout-jobs/holidays-jp.csv\n",
                "    layouts: /etc/payout-jobs/return-layouts\n");
        assertThat(mode("/etc/payout-jobs/application.yml")).isEqualTo("root root rw-r--r--");
        assertThat(mode("/etc/payout-jobs/credentials")).isEqualTo("payout-jobs payout-jobs rwx------");
        for (String role : List.of("payout", "release-locks", "status")) {
            assertThat(mode("/etc/payout-jobs/credentials/" + role)).isEqualTo("payout-jobs payout-jobs rwx------");
        }
        assertThat(mode("/var/lib/payout-jobs")).isEqualTo("root root rwxr-xr-x");
        assertThat(mode("/var/lib/payout-jobs/outbox")).isEqualTo("payout-jobs payout-jobs rwx------");
        assertThat(mode("/var/log/payout-jobs")).isEqualTo("payout-jobs adm rwxr-s---");
        assertThat(mode("/var/log/payout-jobs/payout.log")).isEqualTo("payout-jobs adm rw-r-----");
        // the units where systemd finds them, sound to systemd, and not enabled
        for (String timer : TIMERS) {
            assertThat(UNITS.resolve(timer)).exists();
            assertThat(UNITS.resolve(timer.replace(".timer", ".service"))).exists();
        }
        Ran verify = Command.run(Stream.concat(Stream.of("systemd-analyze", "verify"), TIMERS.stream()).toArray(String[]::new));
        assertThat(verify.output()).isEmpty();
        try (Stream<Path> enabled = Files.exists(Path.of("/etc/systemd/system")) ? Files.walk(Path.of("/etc/systemd/system")) : Stream.empty()) {
            assertThat(enabled.map(Path::toString)).noneMatch(path -> path.contains("payout-"));
        }
        // and logrotate can turn the logs over as the user
        Files.writeString(Path.of("/var/log/payout-jobs/payout.log"), "a night's log\n");
        Ran rotate = Command.run("logrotate", "--force", "--state", temp.resolve("logrotate.state").toString(), "/etc/logrotate.d/payout-jobs");
        assertThat(rotate.exitCode()).as(rotate.output()).isZero();
        assertThat(Path.of("/var/log/payout-jobs/payout.log.1")).exists();
        assertThat(mode("/var/log/payout-jobs/payout.log")).isEqualTo("payout-jobs adm rw-r-----");
    }

    @Test
    void theNightlyUnitPaysAsItsUserWithItsCredentialsAndAnUpgradeKeepsTheEditedSettings() throws Exception {
        // given the package, a ledger with one payable worker behind a server that wants the
        // password, and the database set up as the deployment guide says: the URL in the settings,
        // the user and password as files of the payout's role
        install();
        String database = TestDatabase.fresh("deb");
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(database, TestDatabase.username(), ""));
        Flyway.configure().dataSource(jdbc.getDataSource()).locations("classpath:db/migration").load().migrate();
        new LedgerFixture(jdbc).payableWorker(1, "0036");
        new LedgerFixture(jdbc).reward(1, 12_000, LocalDate.now(ZoneId.of("Asia/Tokyo")).minusDays(10).toString());
        try (PasswordCheckingProxy server = PasswordCheckingProxy.demanding(PASSWORD)) {
            String settings = Files.readString(SETTINGS);
            String commented = "# spring:\n#   datasource:\n#     url: jdbc:postgresql://127.0.0.1:5432/payout\n";
            assertThat(settings).contains(commented);
            Files.writeString(SETTINGS, settings.replace(commented, "spring:\n  datasource:\n    url: " + server.url(database) + "\n"));
            credential("payout", "spring.datasource.username", TestDatabase.username());
            credential("payout", "spring.datasource.password", PASSWORD + "\n");
            // when systemd starts the night, with JVM options as a drop-in would set them (a run of
            // seconds starts twice as fast on the quick compiler and the serial collector)
            EmulatedService.Outcome night = EmulatedService.start(SystemdUnit.load(UNITS, "payout-nightly.service"),
                    Map.of("PAYOUT_JOBS_JAVA_OPTS", "-Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC"), Duration.ofMinutes(3));
            // then it paid, logged in with the password of the file, and wrote the bank file the user's only
            String log = Files.readString(Path.of("/var/log/payout-jobs/payout.log"));
            assertThat(night.exitCode()).as(night.journal() + log).isZero();
            assertThat(jdbc.queryForObject("select count(*) from payout where amount_yen = 11900", Long.class)).isEqualTo(1);
            assertThat(server.accepted()).isPositive();
            assertThat(server.refused()).isEmpty();
            assertThat(log).contains("payout finished: exit=0");
            List<Path> bankFiles;
            try (Stream<Path> files = Files.list(OUTBOX)) {
                bankFiles = files.toList();
            }
            assertThat(bankFiles).isNotEmpty().allSatisfy(file -> assertThat(mode(file.toString())).isEqualTo("payout-jobs payout-jobs rw-------"));
            // and the password is nowhere it could be read
            assertThat(night.journal() + log).doesNotContain(PASSWORD);
        }
        // when the failure unit is started for it, as OnFailure= would
        EmulatedService.Outcome notice = EmulatedService.start(SystemdUnit.load(UNITS, "payout-jobs-failure@payout-nightly.service.service"),
                Map.of("MONITOR_SERVICE_RESULT", "exit-code", "MONITOR_EXIT_STATUS", "1"), Duration.ofSeconds(30));
        // then one line at priority crit names the unit, the result and where to look
        assertThat(notice.exitCode()).isZero();
        assertThat(notice.journal()).isEqualTo("<2>payout-nightly.service failed (exit-code, exit 1): the cause is its last error line,"
                + " journalctl -u payout-nightly.service -p err; its log is in /var/log/payout-jobs; docs/runbook.md says what to do\n");
        // when the same package is installed over itself
        String edited = Files.readString(SETTINGS);
        install();
        // then the operator's settings, credentials and bank files are as they were
        assertThat(Files.readString(SETTINGS)).isEqualTo(edited);
        assertThat(Path.of(SETTINGS + ".dpkg-dist")).doesNotExist();
        assertThat(Files.readString(Path.of("/etc/payout-jobs/credentials/payout/spring.datasource.password"))).isEqualTo(PASSWORD + "\n");
        try (Stream<Path> files = Files.list(OUTBOX)) {
            assertThat(files.count()).isPositive();
        }
        assertThat(Command.run("dpkg-query", "-W", "-f=${Status}", "payout-jobs").output()).isEqualTo("install ok installed");
    }

    @Test
    void anUpgradeRestartsTheTimersRemovalStopsThemAndKeepsTheSettingsAndOutboxAndPurgeKeepsOnlyAnOutboxThatHoldsFiles() throws Exception {
        // given the package installed where systemd runs (emulated: its folder, and systemctl recording what it is told)
        Path calls = temp.resolve("systemctl-calls");
        installUnderSystemd(calls);
        assertThat(Files.readAllLines(calls)).containsExactly("systemctl --system daemon-reload");
        // when it is upgraded (over itself)
        installUnderSystemd(calls);
        // then systemd reads the new units and the timers pick up a changed schedule; no job is started or stopped
        assertThat(Files.readAllLines(calls)).containsExactly("systemctl --system daemon-reload", "systemctl --system daemon-reload",
                "deb-systemd-invoke try-restart " + String.join(" ", TIMERS));
        Files.delete(calls);
        Files.writeString(OUTBOX.resolve("payout-20261127.csv"), "a bank file the bank has not taken\n");
        Files.writeString(SETTINGS, Files.readString(SETTINGS) + "# edited\n");
        // when
        Ran remove = underSystemd(calls, "dpkg", "--remove", "payout-jobs");
        // then every timer and service was stopped, the program is gone, the settings and the outbox stay
        assertThat(remove.exitCode()).as(remove.output()).isZero();
        // (deb-systemd-helper, masking the removed timers, has systemd reload after that)
        assertThat(Files.readAllLines(calls)).startsWith("deb-systemd-invoke stop " + String.join(" ", TIMERS),
                "deb-systemd-invoke stop payout-nightly.service payout-notices.service payout-release-locks.service payout-check.service",
                "systemctl --system daemon-reload");
        assertThat(Path.of("/usr/bin/payout-jobs")).doesNotExist();
        assertThat(UNITS.resolve("payout-nightly.service")).doesNotExist();
        assertThat(Files.readString(SETTINGS)).endsWith("# edited\n");
        assertThat(OUTBOX.resolve("payout-20261127.csv")).exists();
        assertThat(Command.run("dpkg-query", "-W", "-f=${Status}", "payout-jobs").output()).isEqualTo("deinstall ok config-files");
        // when
        Ran purge = underSystemd(calls, "dpkg", "--purge", "payout-jobs");
        // then the settings and logs are gone, the outbox and its file are not, and it says so
        assertThat(purge.exitCode()).as(purge.output()).isZero();
        assertThat(Path.of("/etc/payout-jobs")).doesNotExist();
        assertThat(Path.of("/var/log/payout-jobs")).doesNotExist();
        assertThat(OUTBOX.resolve("payout-20261127.csv")).hasContent("a bank file the bank has not taken");
        assertThat(purge.output()).contains("/var/lib/payout-jobs/outbox is kept: it still holds files");
        assertThat(leftOverUnitLinks()).isEmpty();
    }

    @Test
    void purgeRemovesAnOutboxThatHoldsNoFile() throws Exception {
        // given a package whose outbox holds only empty folders
        install();
        Files.createDirectories(OUTBOX.resolve("notices"));
        // when
        Ran purge = Command.run("dpkg", "--purge", "payout-jobs");
        // then
        assertThat(purge.exitCode()).as(purge.output()).isZero();
        assertThat(Path.of("/var/lib/payout-jobs")).doesNotExist();
        assertThat(Path.of("/etc/payout-jobs")).doesNotExist();
        assertThat(purge.output()).doesNotContain("is kept");
    }

    private static Path deb() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            List<Path> debs = files.filter(file -> file.getFileName().toString().matches("payout-jobs_.*_all\\.deb")).toList();
            assertThat(debs).as("the package the build writes (src/deb/build-deb) in target/").hasSize(1);
            return debs.get(0);
        }
    }

    private static void install() throws Exception {
        Ran install = Command.run("dpkg", "--install", deb().toString());
        assertThat(install.exitCode()).as(install.output()).isZero();
    }

    private void installUnderSystemd(Path calls) throws Exception {
        Ran install = underSystemd(calls, "dpkg", "--install", deb().toString());
        assertThat(install.exitCode()).as(install.output()).isZero();
    }

    /**
     * Runs a command in a mount namespace where /run/systemd/system exists, as it does where systemd
     * runs, with systemctl and deb-systemd-invoke replaced by scripts that append their command line
     * to {@code calls}.
     */
    private Ran underSystemd(Path calls, String... command) throws Exception {
        Path bin = Files.createDirectories(temp.resolve("bin"));
        for (String tool : List.of("systemctl", "deb-systemd-invoke")) {
            Path script = Files.writeString(bin.resolve(tool), "#!/bin/sh\necho \"" + tool + " $*\" >> '" + calls + "'\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        List<String> line = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "/bin/sh", "-c",
                "mount -t tmpfs tmpfs /run/systemd && mkdir /run/systemd/system && PATH=\"$0:$PATH\" exec \"$@\"", bin.toString()));
        line.addAll(List.of(command));
        return Command.run(line.toArray(String[]::new));
    }

    private static void credential(String role, String name, String value) throws Exception {
        Path file = Path.of("/etc/payout-jobs/credentials", role, name);
        Files.writeString(file, value);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThat(Command.run("chown", "payout-jobs:payout-jobs", file.toString()).exitCode()).isZero();
    }

    /** Owner, group and permissions, as ls shows them ("payout-jobs adm rwxr-s---"). */
    private static String mode(String path) {
        try {
            Ran stat = Command.run("stat", "-c", "%U %G %A", path);
            assertThat(stat.exitCode()).as(stat.output()).isZero();
            String[] fields = stat.output().strip().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2].substring(1);
        } catch (Exception e) {
            throw new AssertionError(path + ": " + e.getMessage(), e);
        }
    }

    /** Links to the package's units that systemd or deb-systemd-helper keep after a purge. */
    private static List<String> leftOverUnitLinks() throws IOException {
        List<String> left = new ArrayList<>();
        for (Path folder : List.of(Path.of("/etc/systemd/system"), Path.of("/var/lib/systemd/deb-systemd-helper-enabled"),
                Path.of("/var/lib/systemd/deb-systemd-helper-masked"))) {
            if (Files.exists(folder)) {
                try (Stream<Path> files = Files.walk(folder)) {
                    files.map(Path::toString).filter(path -> path.contains("payout-")).forEach(left::add);
                }
            }
        }
        return left;
    }

    /** Purges the package, and what it leaves on purpose: an outbox with files, the user. */
    private static void purge() throws Exception {
        Command.run("dpkg", "--purge", "payout-jobs");
        Command.run("rm", "-rf", "/var/lib/payout-jobs");
        if (Command.run("getent", "passwd", "payout-jobs").exitCode() == 0) {
            assertThat(Command.run("userdel", "payout-jobs").exitCode()).isZero();
        }
        if (Command.run("getent", "group", "payout-jobs").exitCode() == 0) {
            Command.run("groupdel", "payout-jobs");
        }
    }
}
