package jp.crowdpay.jobs.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jp.crowdpay.jobs.support.Command;
import jp.crowdpay.jobs.support.Command.Ran;
import jp.crowdpay.jobs.support.DatabaseRoles;
import jp.crowdpay.jobs.support.DatabaseRoles.Role;
import jp.crowdpay.jobs.support.EmulatedService;
import jp.crowdpay.jobs.support.LedgerFixture;
import jp.crowdpay.jobs.support.PasswordCheckingProxy;
import jp.crowdpay.jobs.support.SystemdUnit;
import jp.crowdpay.jobs.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.junit.jupiter.api.Tag;
import jp.crowdpay.jobs.support.Tiers;

/**
 * The Debian package the build writes, installed on this machine as an operator would: dpkg,
 * lintian, the units run as the package's user with their credentials (emulated: this machine has
 * no systemd), an upgrade over itself, removal and purge. Needs root and dpkg, as CI has; each test
 * purges the package and the user it created.
 */
@Tag(Tiers.PROCESS)
class DebianPackageIT {

    private static final String PASSWORD = "planted-Deb-5c1e77";
    private static final Path UNITS = Path.of("/lib/systemd/system");
    private static final Path OUTBOX = Path.of("/var/lib/payout-jobs/outbox");
    private static final Path SETTINGS = Path.of("/etc/payout-jobs/application.yml");
    private static final Path CREDENTIALS = Path.of("/etc/payout-jobs/credentials");
    /** A run of seconds starts twice as fast on the quick compiler and the serial collector. */
    private static final String QUICK_JVM = "-Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC";
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
        List<String> conffiles = new ArrayList<>(List.of("/etc/logrotate.d/payout-jobs", "/etc/payout-jobs/application.yml",
                "/etc/payout-jobs/holidays-jp.csv"));
        for (String layouts : List.of("bank-layouts", "return-layouts")) {
            try (Stream<Path> files = Files.list(Path.of("../config", layouts))) {
                files.map(file -> "/etc/payout-jobs/" + layouts + "/" + file.getFileName()).forEach(conffiles::add);
            }
        }
        assertThat(Command.run("dpkg-query", "-W", "-f=${Conffiles}", "payout-jobs").output().lines().map(line -> line.strip().split(" ")[0]))
                .containsExactlyInAnyOrderElementsOf(conffiles);
        assertThat(Files.readString(SETTINGS)).contains("  outbox: /var/lib/payout-jobs/outbox\n",
                "    layouts: /etc/payout-jobs/bank-layouts\n", "    holidays: /etc/payout-jobs/holidays-jp.csv\n",
                "    layouts: /etc/payout-jobs/return-layouts\n");
        assertThat(mode("/etc/payout-jobs/application.yml")).isEqualTo("root root rw-r--r--");
        assertThat(mode("/etc/payout-jobs/credentials")).isEqualTo("payout-jobs payout-jobs rwx------");
        try (Stream<Path> folders = Files.list(CREDENTIALS)) {
            // one folder per role of roles.sql, named after it
            assertThat(folders.map(folder -> folder.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(Stream.of(Role.values()).map(DebianPackageIT::folder).toList());
        }
        for (Role role : Role.values()) {
            assertThat(mode(CREDENTIALS.resolve(folder(role)).toString())).isEqualTo("payout-jobs payout-jobs rwx------");
        }
        // the roles script of this release, for the DBA
        assertThat(Path.of("/usr/share/payout-jobs/roles.sql")).hasSameTextualContentAs(DatabaseRoles.SCRIPT);
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
    void theUnitsRunAsTheirUserAndRolesOnADatabaseSetUpAsTheGuideSaysAndAnUpgradeKeepsTheEditedSettings() throws Exception {
        // given the package, and a database set up as the deployment guide's install says, behind
        // a server that wants the password: the URL in the settings, the roles (roles.sql, named
        // after this test's database), each role's user and password in its folder, the tables
        // made by the package's migrate as the owner, then the grants; one payable worker
        install();
        String database = TestDatabase.fresh("deb");
        String prefix = TestDatabase.name() + "_deb_";
        DatabaseRoles.apply(database, prefix);
        for (Role role : Role.values()) {
            credential(folder(role), "spring.datasource.username", DatabaseRoles.name(prefix, role));
            credential(folder(role), "spring.datasource.password", PASSWORD + "\n");
        }
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(database, TestDatabase.username(), ""));
        try (PasswordCheckingProxy server = PasswordCheckingProxy.demanding(PASSWORD)) {
            String settings = Files.readString(SETTINGS);
            String commented = "# spring:\n#   datasource:\n#     url: jdbc:postgresql://127.0.0.1:5432/payout\n";
            assertThat(settings).contains(commented);
            Files.writeString(SETTINGS, settings.replace(commented, "spring:\n  datasource:\n    url: " + server.url(database) + "\n"));
            Ran migrate = byHand(Role.OWNER, "migrate");
            assertThat(migrate.exitCode()).as(migrate.output()).isZero();
            DatabaseRoles.apply(database, prefix);
            new LedgerFixture(jdbc).payableWorker(1, "0036");
            new LedgerFixture(jdbc).reward(1, 12_000, LocalDate.now(ZoneId.of("Asia/Tokyo")).minusDays(10).toString());
            // when systemd starts the night, with JVM options as a drop-in would set them
            EmulatedService.Outcome night = unit("payout-nightly.service");
            // then it paid, logged in as the payout's role with the password of the file, wrote the
            // night's bank file and notices the user's only
            String log = Files.readString(Path.of("/var/log/payout-jobs/payout.log"));
            assertThat(night.exitCode()).as(night.journal() + log).isZero();
            assertThat(jdbc.queryForObject("select count(*) from payout where amount_yen = 11900", Long.class)).isEqualTo(1);
            assertThat(log).contains("payout finished: exit=0");
            List<Path> written;
            try (Stream<Path> files = Files.walk(OUTBOX)) {
                written = files.filter(file -> !file.equals(OUTBOX)).toList();
            }
            assertThat(written).anyMatch(file -> file.toString().endsWith(".csv"))
                    .allSatisfy(file -> assertThat(mode(file.toString()))
                            .isEqualTo(Files.isDirectory(file) ? "payout-jobs payout-jobs rwx------" : "payout-jobs payout-jobs rw-------"));
            // when the lock release runs as its role, and the bank file has waited 7 hours, and the hourly check runs
            EmulatedService.Outcome release = unit("payout-release-locks.service");
            assertThat(release.exitCode()).as(release.journal() + Files.readString(Path.of("/var/log/payout-jobs/release-locks.log")))
                    .isZero();
            Path bankFile = written.stream().filter(file -> file.toString().endsWith(".csv")).findFirst().orElseThrow();
            Files.setLastModifiedTime(bankFile, FileTime.from(Instant.now().minus(Duration.ofHours(7))));
            EmulatedService.Outcome check = unit("payout-check.service");
            // then the check, as the read-only role from the same folder as the payout, read the
            // payout's outbox through its sandbox, and found that and nothing else wrong
            assertThat(check.exitCode()).as(check.journal()).isEqualTo(4);
            assertThat(check.journal()).matches("(?s).*check failed: bank file " + bankFile.getFileName()
                    + " is still in the outbox, written 7h[^;]*: the bank has not taken it\n");
            // when an operator runs a command of the imports role as the guide writes it
            Ran accounts = byHand(Role.IMPORTS, "returned-accounts");
            // then
            assertThat(accounts.exitCode()).as(accounts.output()).isZero();
            assertThat(server.accepted()).isPositive();
            assertThat(server.refused()).isEmpty();
            // and the password is nowhere it could be read
            assertThat(night.journal() + release.journal() + check.journal() + accounts.output() + migrate.output()).doesNotContain(PASSWORD);
            try (Stream<Path> logs = Files.list(Path.of("/var/log/payout-jobs"))) {
                for (Path file : logs.toList()) {
                    assertThat(Files.readString(file)).as(file.toString()).doesNotContain(PASSWORD);
                }
            }
        }
        // when the failure unit is started for it, as OnFailure= would for a night whose notices failed
        EmulatedService.Outcome notice = EmulatedService.start(SystemdUnit.load(UNITS, "payout-jobs-failure@payout-nightly.service.service"),
                Map.of("MONITOR_SERVICE_RESULT", "exit-code", "MONITOR_EXIT_STATUS", "5"), Duration.ofSeconds(30));
        // then one line at priority crit names the unit, the result and where to look
        assertThat(notice.exitCode()).isZero();
        assertThat(notice.journal()).isEqualTo("<2>payout-nightly.service failed (exit-code, exit 5): the cause is its last error line,"
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

    /** The folder of a role's credentials, as the package names it: payout/ for payout_jobs_payout. */
    private static String folder(Role role) {
        return role.name().toLowerCase();
    }

    /** Starts a unit of the package as systemd would, with JVM options as a drop-in would set them. */
    private static EmulatedService.Outcome unit(String name) throws Exception {
        return EmulatedService.start(SystemdUnit.load(UNITS, name), Map.of("PAYOUT_JOBS_JAVA_OPTS", QUICK_JVM), Duration.ofMinutes(3));
    }

    /** A command as an operator runs it under the package: the jobs' user, the credentials folder of the role. */
    private static Ran byHand(Role role, String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of("runuser", "-u", "payout-jobs", "--", "env",
                "CREDENTIALS_DIRECTORY=" + CREDENTIALS.resolve(folder(role)), "PAYOUT_JOBS_JAVA_OPTS=" + QUICK_JVM, "payout-jobs"));
        line.addAll(List.of(command));
        return Command.run(line.toArray(String[]::new));
    }

    private static void credential(String folder, String name, String value) throws Exception {
        Path file = CREDENTIALS.resolve(folder).resolve(name);
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
