package jp.crowdpay.jobs.settings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.ConfigTreePropertySource;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Settings read from a folder of files, one setting a file named after it (a file
 * {@code spring.datasource.password} holds the database password), from the folder that the
 * environment variable {@code CREDENTIALS_DIRECTORY} names. systemd sets that variable for a unit
 * with {@code LoadCredential=}; a Kubernetes Secret mounted as files and a folder of the job's user
 * for cron are named the same way. So a password never stands in an environment, a crontab or a
 * command line, which cron mails (X-Cron-Env) and {@code ps} shows.
 * <p>
 * These settings win over every other source. The folder is checked before anything starts: it
 * must be a folder the program can read, no file in it may be readable by every user of the
 * machine, and no setting in it may also stand in the environment (two values, and the one in the
 * environment is the one cron would mail).
 */
public class CredentialsDirectory implements EnvironmentPostProcessor, Ordered {

    public static final String VARIABLE = "CREDENTIALS_DIRECTORY";

    /** Files and folders whose name starts with a dot are not settings (Kubernetes' ..data), as Spring's config trees have it. */
    private static final String HIDDEN = ".";

    @Override
    public int getOrder() {
        // after application.yml is read, so that this source ends up first whatever was added before
        return ConfigDataEnvironmentPostProcessor.ORDER + 1;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String named = environment.getProperty(VARIABLE);
        if (named == null || named.isBlank()) {
            return;
        }
        Path folder = Path.of(named);
        if (!Files.isDirectory(folder) || !Files.isReadable(folder) || !Files.isExecutable(folder)) {
            throw new InvalidSettingException(VARIABLE, folder + " is not a folder this user (" + System.getProperty("user.name")
                    + ") can read");
        }
        for (Path file : settingFiles(folder)) {
            refuseWhenEveryoneCanRead(file);
        }
        ConfigTreePropertySource settings = new ConfigTreePropertySource("credentials directory " + folder, folder,
                ConfigTreePropertySource.Option.AUTO_TRIM_TRAILING_NEW_LINE);
        PropertySource<?> variables = environment.getPropertySources().get(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        for (String name : settings.getPropertyNames()) {
            if (variables != null && variables.containsProperty(name)) {
                throw new InvalidSettingException(VARIABLE, name + " is set both in " + folder
                        + " and in the environment: remove it from the environment (cron mails its variables)");
            }
        }
        environment.getPropertySources().addFirst(settings);
    }

    private static List<Path> settingFiles(Path folder) {
        try (Stream<Path> files = Files.find(folder, Integer.MAX_VALUE, (path, attributes) -> attributes.isRegularFile()
                && !hidden(folder.relativize(path)), FileVisitOption.FOLLOW_LINKS)) {
            return files.toList();
        } catch (IOException | UncheckedIOException unreadable) {
            throw new InvalidSettingException(VARIABLE, folder + " cannot be read: " + unreadable.getMessage());
        }
    }

    private static boolean hidden(Path relative) {
        for (Path element : relative) {
            if (element.toString().startsWith(HIDDEN)) {
                return true;
            }
        }
        return false;
    }

    private static void refuseWhenEveryoneCanRead(Path file) {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, PosixFileAttributes.class);
        } catch (UnsupportedOperationException notPosix) {
            return;
        } catch (IOException unreadable) {
            throw new InvalidSettingException(VARIABLE, file + " cannot be read: " + unreadable.getMessage());
        }
        if (attributes.permissions().contains(PosixFilePermission.OTHERS_READ)) {
            throw new InvalidSettingException(VARIABLE, file + " can be read by every user of the machine ("
                    + PosixFilePermissions.toString(attributes.permissions()) + "): make it readable by its owner only (chmod 600)");
        }
    }
}
