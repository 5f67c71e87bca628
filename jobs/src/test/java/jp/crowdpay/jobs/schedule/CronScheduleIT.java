package jp.crowdpay.jobs.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.LinkOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jp.crowdpay.jobs.support.Await;
import jp.crowdpay.jobs.support.Command;
import jp.crowdpay.jobs.support.Command.Ran;
import jp.crowdpay.jobs.support.DatabaseRoles;
import jp.crowdpay.jobs.support.DatabaseRoles.Role;
import jp.crowdpay.jobs.support.LedgerFixture;
import jp.crowdpay.jobs.support.PasswordCheckingProxy;
import jp.crowdpay.jobs.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.FileSystemUtils;
import org.junit.jupiter.api.Tag;
import jp.crowdpay.jobs.support.Tiers;

/**
 * config/crontab.example in the real Debian cron: installed with its times moved to the next
 * minutes and its folders and database moved to this test's, set up as docs/deployment.md says
 * (the roles of config/database/roles.sql, the tables made by 'migrate' as the owner, the grants,
 * each role's credentials in its folder). The check and the notices fire first and fail (nothing
 * has run yet), so that cron mails; then the payout and the lock release run and each logs its
 * exit line, each line logged in as its own role. The database wants the password of the
 * credentials files, and the password is in no mail and no log. Needs the packaged jar (hence an
 * integration test) and root, as CI has, to start cron and to take the mail cron hands to
 * /usr/sbin/sendmail.
 */
@Tag(Tiers.PROCESS)
class CronScheduleIT {

    private static final Path EXAMPLE = Path.of("../config/crontab.example");
    private static final Path JAR = Path.of("target/payout-jobs.jar");
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    private static final Path SENDMAIL = Path.of("/usr/sbin/sendmail");
    private static final Path SENDMAIL_SET_ASIDE = Path.of("/usr/sbin/sendmail.payout-jobs-test");
    private static final String CAPTURE_MARK = "# the mail capture of CronScheduleIT";
    private static final String PASSWORD = "planted-Cron-9d24b1";

    @TempDir
    Path home;

    @Test
    void theExampleScheduleRunsInDebiansCronWithThePasswordFromFilesAndMailsNoneOfIt() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "installing a crontab and starting cron needs root (CI is root)");
        // given the installation the example expects, in a folder and a database of this test,
        // behind a server that wants the password of the credentials files: the roles, each
        // role's user and password in its folder (the roles are named after this test's database)
        String url = TestDatabase.fresh("cron");
        String prefix = TestDatabase.name() + "_cron_";
        DatabaseRoles.apply(url, prefix);
        Files.createSymbolicLink(home.resolve("payout-jobs.jar"), JAR.toAbsolutePath());
        FileSystemUtils.copyRecursively(Path.of("../config"), home.resolve("config"));
        for (Role role : List.of(Role.PAYOUT, Role.LOCKS, Role.READONLY, Role.OWNER)) {
            Path folder = Files.createDirectories(home.resolve("credentials").resolve(role.name().toLowerCase()),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            secret(folder.resolve("spring.datasource.username"), DatabaseRoles.name(prefix, role));
            secret(folder.resolve("spring.datasource.password"), PASSWORD + "\n");
        }
        Path logs = Files.createDirectories(home.resolve("logs"));
        Path mail = home.resolve("mail.txt");
        startCronUnlessRunning();
        Ran installed = Command.run("crontab", "-l");
        String previous = installed.exitCode() == 0 ? installed.output() : null;
        try (PasswordCheckingProxy server = PasswordCheckingProxy.demanding(PASSWORD)) {
            // the tables, made by the program's migrate as the owner from the installation's
            // folder, then the roles' grants on them
            Ran migrate = Command.run("env", "--chdir=" + home, "SPRING_DATASOURCE_URL=" + server.url(url),
                    "CREDENTIALS_DIRECTORY=" + home.resolve("credentials/owner"), JAVA.toString(), "-jar", "payout-jobs.jar", "migrate");
            assertThat(migrate.exitCode()).as(migrate.output()).isZero();
            DatabaseRoles.apply(url, prefix);
            JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url, TestDatabase.username(), ""));
            LedgerFixture ledger = new LedgerFixture(jdbc);
            ledger.payableWorker(1, "0036");
            ledger.reward(1, 12_000, LocalDate.now(ZoneId.of("Asia/Tokyo")).minusDays(10).toString());
            ZonedDateTime now = ZonedDateTime.now();
            // cron reads a changed crontab when its minute starts: leave it a few seconds
            ZonedDateTime first = now.plusMinutes(now.getSecond() > 50 ? 2 : 1).truncatedTo(ChronoUnit.MINUTES);
            Path crontab = Files.writeString(home.resolve("crontab"), rewrite(Files.readString(EXAMPLE), first, server.url(url), logs));
            captureMail(mail);
            // when
            assertThat(Command.run("crontab", crontab.toString()).exitCode()).isZero();
            // then the payout and the lock release ran, logged in with the password of the files
            Pattern payoutDone = Pattern.compile("(?m)^\\d{4}-\\d\\d-\\d\\dT\\S+ payout exit 0$");
            Pattern releaseDone = Pattern.compile("(?m)^\\d{4}-\\d\\d-\\d\\dT\\S+ release-locks exit 0$");
            Duration bound = Duration.between(ZonedDateTime.now(), first).plusSeconds(60 + 150);
            try {
                Await.until("both jobs logged exit 0, and the check's mail came", bound,
                        () -> matches(logs.resolve("payout.log"), payoutDone) && matches(logs.resolve("release-locks.log"), releaseDone)
                                && Files.exists(mail) && Files.readString(mail).contains("status --check"));
            } catch (AssertionError notYet) {
                throw new AssertionError(notYet.getMessage() + "; payout.log:\n" + tail(logs.resolve("payout.log"))
                        + "\nrelease-locks.log:\n" + tail(logs.resolve("release-locks.log")) + "\nmail:\n" + tail(mail), notYet);
            }
            assertThat(jdbc.queryForObject("select count(*) from payout where amount_yen = 11900", Long.class)).isEqualTo(1);
            assertThat(jdbc.queryForObject("select count(*) from lock_release_run", Long.class)).isEqualTo(1);
            assertThat(server.accepted()).isPositive();
            assertThat(server.refused()).isEmpty();
            // and cron mailed its variables with the failed check, but no password; no log has it
            // either; the check and the notices failed as their roles may (nothing had run), not
            // for want of a grant
            String mails = Files.readString(mail);
            assertThat(mails).contains("payout-operators@example.com", "X-Cron-Env: <SPRING_DATASOURCE_URL=", "X-Cron-Env: <PAYOUT_HOME=");
            assertThat(mails).doesNotContain("permission denied");
            assertThat(mails).doesNotContain(PASSWORD);
            try (Stream<Path> files = Files.list(logs)) {
                for (Path log : files.toList()) {
                    assertThat(Files.readString(log)).as(log.toString()).doesNotContain(PASSWORD);
                }
            }
        } finally {
            restoreSendmail();
            if (previous == null) {
                Command.run("crontab", "-r");
            } else {
                Path restored = Files.writeString(home.resolve("crontab.previous"), previous);
                Command.run("crontab", restored.toString());
            }
        }
    }

    /**
     * The example with this test's folders and database; the check and the notices at
     * {@code first}, where they fail (and cron mails), the payout and the lock release a minute
     * later. Fails when the example no longer has what it rewrites.
     */
    private static String rewrite(String example, ZonedDateTime first, String url, Path logs) {
        ZonedDateTime second = first.plusMinutes(1);
        String java = Path.of(System.getProperty("java.home"), "bin").toString();
        List<String[]> replacements = List.of(
                new String[] {"(?m)^PAYOUT_HOME=.*$", "PAYOUT_HOME=" + logs.getParent()},
                new String[] {"(?m)^PAYOUT_LOGS=.*$", "PAYOUT_LOGS=" + logs},
                new String[] {"(?m)^PATH=", "PATH=" + java + ":"},
                new String[] {"(?m)^SPRING_DATASOURCE_URL=.*$", "SPRING_DATASOURCE_URL=" + url},
                new String[] {"(?m)^0 \\* \\* \\* \\*", first.getMinute() + " " + first.getHour() + " * * *"},
                new String[] {"(?m)^0 19 \\* \\* \\*", first.getMinute() + " " + first.getHour() + " * * *"},
                new String[] {"(?m)^0 17 \\* \\* \\*", second.getMinute() + " " + second.getHour() + " * * *"},
                new String[] {"(?m)^\\*/5 \\* \\* \\* \\*", second.getMinute() + " " + second.getHour() + " * * *"});
        String crontab = example;
        for (String[] replacement : replacements) {
            assertThat(Pattern.compile(replacement[0]).matcher(crontab).find()).as(replacement[0]).isTrue();
            crontab = crontab.replaceAll(replacement[0], replacement[1].replace("\\", "\\\\").replace("$", "\\$"));
        }
        return crontab;
    }

    private static void secret(Path file, String content) throws IOException {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    /** Puts a sendmail in place that appends each mail cron hands it, its arguments first, to {@code mail}. */
    private static void captureMail(Path mail) throws IOException {
        restoreSendmail();
        if (Files.exists(SENDMAIL, LinkOption.NOFOLLOW_LINKS)) {
            Files.move(SENDMAIL, SENDMAIL_SET_ASIDE);
        }
        Files.writeString(SENDMAIL, "#!/bin/sh\n" + CAPTURE_MARK + "\n{ echo \"sendmail $*\"; cat; echo; } >> '" + mail + "'\n");
        Files.setPosixFilePermissions(SENDMAIL, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** The machine's own sendmail back (or none, if it had none), also after a run of this test that did not get to its end. */
    private static void restoreSendmail() throws IOException {
        if (Files.isRegularFile(SENDMAIL, LinkOption.NOFOLLOW_LINKS) && Files.readString(SENDMAIL).contains(CAPTURE_MARK)) {
            Files.delete(SENDMAIL);
        }
        if (Files.exists(SENDMAIL_SET_ASIDE, LinkOption.NOFOLLOW_LINKS)) {
            Files.move(SENDMAIL_SET_ASIDE, SENDMAIL);
        }
    }

    private static void startCronUnlessRunning() throws Exception {
        if (Command.run("pgrep", "-x", "cron").exitCode() != 0) {
            assertThat(Command.run("cron").exitCode()).as("starting cron (.ci/run installs the Debian package)").isZero();
        }
    }

    private static boolean matches(Path log, Pattern line) throws IOException {
        return Files.exists(log) && line.matcher(Files.readString(log, StandardCharsets.UTF_8)).find();
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(none)";
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
    }
}
