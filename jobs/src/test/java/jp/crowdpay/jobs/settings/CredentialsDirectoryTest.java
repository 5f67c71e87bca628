package jp.crowdpay.jobs.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import jp.crowdpay.jobs.support.ChildProcess;
import jp.crowdpay.jobs.support.PasswordCheckingProxy;
import jp.crowdpay.jobs.support.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.junit.jupiter.api.Tag;
import jp.crowdpay.jobs.support.Tiers;

/** The database password comes from a file in the folder CREDENTIALS_DIRECTORY names, never from the environment. */
@Tag(Tiers.PROCESS)
class CredentialsDirectoryTest {

    private static final String PASSWORD = "planted-Pw-7f3a9c";

    @TempDir
    Path temp;

    @Test
    void readsThePasswordFromItsFileWithoutTheNewlineAnEditorAddsAndWinsOverApplicationYml() throws IOException {
        // given a folder as systemd's LoadCredential= leaves it, and application.yml with another password
        Path folder = folder("credentials");
        secret(folder.resolve("spring.datasource.password"), PASSWORD + "\n", "r--------");
        StandardEnvironment environment = environment(Map.of(CredentialsDirectory.VARIABLE, folder.toString()));
        environment.getPropertySources().addLast(new MapPropertySource("application.yml", Map.of("spring.datasource.password", "from-yml")));
        // when
        postProcess(environment);
        // then
        assertThat(environment.getProperty("spring.datasource.password")).isEqualTo(PASSWORD);
    }

    @Test
    void readsAKubernetesSecretMountThroughItsLinksAndSkipsItsHiddenFolder() throws IOException {
        // given a Secret as the kubelet mounts it: the files in ..data, links to them beside it, group-readable (fsGroup)
        Path folder = folder("secret");
        Path data = Files.createDirectory(folder.resolve("..2026_11_27_17_00_00.000000001"));
        secret(data.resolve("spring.datasource.password"), PASSWORD, "r--r-----");
        secret(data.resolve("spring.datasource.username"), "payout_jobs_payout", "r--r-----");
        Files.createSymbolicLink(folder.resolve("..data"), data.getFileName());
        Files.createSymbolicLink(folder.resolve("spring.datasource.password"), Path.of("..data/spring.datasource.password"));
        Files.createSymbolicLink(folder.resolve("spring.datasource.username"), Path.of("..data/spring.datasource.username"));
        StandardEnvironment environment = environment(Map.of(CredentialsDirectory.VARIABLE, folder.toString()));
        // when
        postProcess(environment);
        // then
        assertThat(environment.getProperty("spring.datasource.password")).isEqualTo(PASSWORD);
        assertThat(environment.getProperty("spring.datasource.username")).isEqualTo("payout_jobs_payout");
    }

    @Test
    void refusesAPasswordFileEveryUserOfTheMachineCanReadWithoutSayingThePassword() throws IOException {
        // given the password file left at the usual mode 644
        Path folder = folder("credentials");
        secret(folder.resolve("spring.datasource.password"), PASSWORD, "rw-r--r--");
        StandardEnvironment environment = environment(Map.of(CredentialsDirectory.VARIABLE, folder.toString()));
        // when, then
        assertThatThrownBy(() -> postProcess(environment))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("CREDENTIALS_DIRECTORY: " + folder.resolve("spring.datasource.password")
                        + " can be read by every user of the machine (rw-r--r--): make it readable by its owner only (chmod 600)")
                .message().doesNotContain(PASSWORD);
    }

    @Test
    void refusesAFolderThatIsNotThere() {
        // given a typo in the folder's name
        Path missing = temp.resolve("credentails");
        StandardEnvironment environment = environment(Map.of(CredentialsDirectory.VARIABLE, missing.toString()));
        // when, then
        assertThatThrownBy(() -> postProcess(environment))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("CREDENTIALS_DIRECTORY: " + missing + " is not a folder this user (");
    }

    @Test
    void refusesAPasswordInTheFolderAndInTheEnvironmentBoth() throws IOException {
        // given a password moved to the folder, and the old variable still in the crontab
        Path folder = folder("credentials");
        secret(folder.resolve("spring.datasource.password"), PASSWORD, "rw-------");
        StandardEnvironment environment = environment(Map.of(CredentialsDirectory.VARIABLE, folder.toString(),
                "SPRING_DATASOURCE_PASSWORD", "old-one"));
        // when, then
        assertThatThrownBy(() -> postProcess(environment))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("CREDENTIALS_DIRECTORY: spring.datasource.password is set both in " + folder
                        + " and in the environment: remove it from the environment (cron mails its variables)");
    }

    @Test
    void leavesTheSettingsAsTheyAreWithoutTheVariable() {
        // given no CREDENTIALS_DIRECTORY, as in a developer's shell
        StandardEnvironment environment = environment(Map.of("SPRING_DATASOURCE_PASSWORD", "dev"));
        // when
        postProcess(environment);
        // then
        assertThat(environment.getProperty("spring.datasource.password")).isEqualTo("dev");
    }

    @Test
    void theProgramLogsInWithThePasswordOfTheFolderAndPrintsItNowhere() throws Exception {
        // given a server that wants the password, a migrated database behind it, and the password in a folder
        String database = TestDatabase.fresh("credentials");
        Flyway.configure().dataSource(database, TestDatabase.username(), "").locations("classpath:db/migration").load().migrate();
        Path folder = folder("credentials");
        secret(folder.resolve("spring.datasource.password"), PASSWORD + "\n", "rw-------");
        try (PasswordCheckingProxy server = PasswordCheckingProxy.demanding(PASSWORD)) {
            // when
            ChildProcess.Result status = ChildProcess.run(temp.resolve("run"), Map.of(
                    "SPRING_DATASOURCE_URL", server.url(database), CredentialsDirectory.VARIABLE, folder.toString()), "status");
            // then
            assertThat(status.exitCode()).as(status.err()).isZero();
            assertThat(server.accepted()).isPositive();
            assertThat(server.refused()).isEmpty();
            assertThat(status.out() + status.err()).contains("payout").doesNotContain(PASSWORD);
        }
    }

    @Test
    void withoutThePasswordTheServerRefusesTheProgram() throws Exception {
        // given the same server, and no folder: the proof that the test above needed the file
        String database = TestDatabase.fresh("credentials");
        try (PasswordCheckingProxy server = PasswordCheckingProxy.demanding(PASSWORD)) {
            // when
            ChildProcess.Result status = ChildProcess.run(temp.resolve("run"), Map.of("SPRING_DATASOURCE_URL", server.url(database)), "status");
            // then
            assertThat(status.exitCode()).isNotZero();
            assertThat(server.accepted()).isZero();
            assertThat(server.refused()).isNotEmpty().containsOnly("");
        }
    }

    @Test
    void aLoosePasswordFileStopsTheProgramWithOneLineAndExitTwo() throws Exception {
        // given
        Path folder = folder("credentials");
        secret(folder.resolve("spring.datasource.password"), PASSWORD, "rw-rw-r--");
        // when
        ChildProcess.Result status = ChildProcess.run(temp.resolve("run"), Map.of(CredentialsDirectory.VARIABLE, folder.toString()), "status");
        // then
        assertThat(status.exitCode()).isEqualTo(2);
        assertThat(status.err()).isEqualTo("error: invalid setting: CREDENTIALS_DIRECTORY: " + folder.resolve("spring.datasource.password")
                + " can be read by every user of the machine (rw-rw-r--): make it readable by its owner only (chmod 600)\n");
        assertThat(status.out()).doesNotContain(PASSWORD);
    }

    private Path folder(String name) throws IOException {
        return Files.createDirectory(temp.resolve(name), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    private static void secret(Path file, String content, String permissions) throws IOException {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    }

    /** An environment whose system environment variables are {@code variables}. */
    private static StandardEnvironment environment(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        return environment;
    }

    private static void postProcess(StandardEnvironment environment) {
        new CredentialsDirectory().postProcessEnvironment(environment, new SpringApplication());
    }
}
