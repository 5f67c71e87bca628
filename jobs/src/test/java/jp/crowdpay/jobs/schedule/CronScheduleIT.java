package jp.crowdpay.jobs.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Pattern;
import jp.crowdpay.jobs.support.Await;
import jp.crowdpay.jobs.support.Command;
import jp.crowdpay.jobs.support.Command.Ran;
import jp.crowdpay.jobs.support.LedgerFixture;
import jp.crowdpay.jobs.support.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.FileSystemUtils;

/**
 * config/crontab.example in the real Debian cron: installed with its times moved to the next
 * minute and its folders and database moved to this test's, both jobs run and each logs its exit
 * line. Needs the packaged jar (hence an integration test) and root, as CI has, to start cron.
 */
class CronScheduleIT {

    private static final Path EXAMPLE = Path.of("../config/crontab.example");
    private static final Path JAR = Path.of("target/payout-jobs.jar");

    @TempDir
    Path home;

    @Test
    void theExampleScheduleRunsBothJobsInDebiansCronAndLogsTheExitOfEachRun() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "installing a crontab and starting cron needs root (CI is root)");
        // given the installation the example expects, in a folder and a database of this test
        String url = TestDatabase.fresh("cron");
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url, TestDatabase.username(), ""));
        Flyway.configure().dataSource(jdbc.getDataSource()).locations("classpath:db/migration").load().migrate();
        LedgerFixture ledger = new LedgerFixture(jdbc);
        ledger.payableWorker(1, "0036");
        ledger.reward(1, 12_000, LocalDate.now(ZoneId.of("Asia/Tokyo")).minusDays(10).toString());
        Files.createDirectories(home.resolve("jobs/target"));
        Files.createSymbolicLink(home.resolve("jobs/target/payout-jobs.jar"), JAR.toAbsolutePath());
        FileSystemUtils.copyRecursively(Path.of("../config"), home.resolve("config"));
        Path logs = Files.createDirectories(home.resolve("logs"));
        startCronUnlessRunning();
        ZonedDateTime now = ZonedDateTime.now();
        // cron reads a changed crontab when its minute starts: leave it a few seconds
        ZonedDateTime fireAt = now.plusMinutes(now.getSecond() > 50 ? 2 : 1).truncatedTo(ChronoUnit.MINUTES);
        Path crontab = Files.writeString(home.resolve("crontab"), rewrite(Files.readString(EXAMPLE), fireAt, url, logs));
        Ran installed = Command.run("crontab", "-l");
        String previous = installed.exitCode() == 0 ? installed.output() : null;
        try {
            // when
            assertThat(Command.run("crontab", crontab.toString()).exitCode()).isZero();
            // then
            Pattern payoutDone = Pattern.compile("(?m)^\\d{4}-\\d\\d-\\d\\dT\\S+ payout exit 0$");
            Pattern releaseDone = Pattern.compile("(?m)^\\d{4}-\\d\\d-\\d\\dT\\S+ release-locks exit 0$");
            Duration bound = Duration.between(ZonedDateTime.now(), fireAt).plusSeconds(150);
            try {
                Await.until("both jobs logged exit 0", bound,
                        () -> matches(logs.resolve("payout.log"), payoutDone) && matches(logs.resolve("release-locks.log"), releaseDone));
            } catch (AssertionError notYet) {
                throw new AssertionError(notYet.getMessage() + "; payout.log:\n" + tail(logs.resolve("payout.log"))
                        + "\nrelease-locks.log:\n" + tail(logs.resolve("release-locks.log")), notYet);
            }
            assertThat(jdbc.queryForObject("select count(*) from payout where amount_yen = 11900", Long.class)).isEqualTo(1);
            assertThat(jdbc.queryForObject("select count(*) from lock_release_run", Long.class)).isEqualTo(1);
        } finally {
            if (previous == null) {
                Command.run("crontab", "-r");
            } else {
                Files.writeString(crontab, previous);
                Command.run("crontab", crontab.toString());
            }
        }
    }

    /** The example with this test's folders, database and times; fails when the example no longer has what it rewrites. */
    private static String rewrite(String example, ZonedDateTime fireAt, String url, Path logs) {
        String when = fireAt.getMinute() + " " + fireAt.getHour() + " * * *";
        String java = Path.of(System.getProperty("java.home"), "bin").toString();
        List<String[]> replacements = List.of(
                new String[] {"(?m)^PAYOUT_HOME=.*$", "PAYOUT_HOME=" + logs.getParent()},
                new String[] {"(?m)^PAYOUT_LOGS=.*$", "PAYOUT_LOGS=" + logs},
                new String[] {"(?m)^PATH=", "PATH=" + java + ":"},
                new String[] {"(?m)^SPRING_DATASOURCE_URL=.*$", "SPRING_DATASOURCE_URL=" + url},
                new String[] {"(?m)^SPRING_DATASOURCE_USERNAME=.*$", "SPRING_DATASOURCE_USERNAME=" + TestDatabase.username()},
                new String[] {"(?m)^MAILTO=.*$", "MAILTO=\"\""},
                new String[] {"(?m)^0 17 \\* \\* \\*", when},
                new String[] {"(?m)^\\*/5 \\* \\* \\* \\*", when},
                // the notices and the check would fire at their own hour, against this test's database
                new String[] {"(?m)^30 17 \\* \\* \\*.*$", ""},
                new String[] {"(?m)^0 18 \\* \\* \\*.*$", ""});
        String crontab = example;
        for (String[] replacement : replacements) {
            assertThat(Pattern.compile(replacement[0]).matcher(crontab).find()).as(replacement[0]).isTrue();
            crontab = crontab.replaceAll(replacement[0], replacement[1].replace("\\", "\\\\").replace("$", "\\$"));
        }
        return crontab;
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
