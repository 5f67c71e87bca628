package jp.crowdpay.jobs.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts a service's {@code ExecStart=} as systemd would, on a machine without systemd (a
 * container, this test machine): in a mount namespace of its own ({@code unshare}), as the unit's
 * user with no capabilities and no new privileges ({@code setpriv}), with systemd's environment,
 * its credentials copied into {@code $CREDENTIALS_DIRECTORY} (mode 0400, the user's), the whole file
 * system read-only but for {@code ReadWritePaths=}, a private /tmp, the homes hidden, the unit's
 * umask and working directory, standard output and error where the unit sends them. What needs
 * systemd itself (system-call filters, the kernel's protections) is listed and left out; any other
 * setting stops the emulation, so that a new one is looked at rather than ignored. Needs root.
 */
public final class EmulatedService {

    private static final Set<String> EMULATED = Set.of("User", "Group", "DynamicUser", "WorkingDirectory", "ExecStart",
            "LoadCredential", "StandardOutput", "StandardError", "UMask", "ProtectSystem", "ReadWritePaths", "PrivateTmp",
            "ProtectHome", "NoNewPrivileges", "CapabilityBoundingSet", "AmbientCapabilities");
    /** Settings that need systemd (seccomp, namespaces of other kinds, cgroups) or only matter to it. */
    private static final Set<String> LEFT_TO_SYSTEMD = Set.of("Type", "RuntimeMaxSec", "TimeoutStartSec", "TimeoutStopSec", "SyslogIdentifier",
            "RestrictSUIDSGID", "PrivateUsers", "RemoveIPC", "PrivateDevices", "ProtectKernelTunables", "ProtectKernelModules",
            "ProtectKernelLogs", "ProtectControlGroups", "ProtectClock", "ProtectHostname", "ProtectProc",
            "RestrictAddressFamilies", "RestrictNamespaces", "RestrictRealtime", "LockPersonality", "SystemCallArchitectures",
            "SystemCallFilter", "SystemCallErrorNumber", "PrivateNetwork");
    private static final String SYSTEMD_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private EmulatedService() {
    }

    /** Exit code of the command, and what the unit sends to the journal (standard error, or both streams). */
    public record Outcome(int exitCode, String journal) {
    }

    /**
     * Runs {@code unit}; {@code variables} are those systemd adds (MONITOR_* for an OnFailure= unit)
     * or a drop-in's Environment= would.
     */
    public static Outcome start(SystemdUnit unit, Map<String, String> variables, Duration timeout) throws Exception {
        for (String key : unit.assignments().keySet()) {
            String setting = key.substring(key.indexOf('.') + 1);
            if (key.startsWith("Service.") && !EMULATED.contains(setting) && !LEFT_TO_SYSTEMD.contains(setting)) {
                throw new IllegalArgumentException(unit.name() + ": " + setting + "= is neither emulated nor known to need systemd");
            }
        }
        Process process = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "/bin/sh", "-c", script(unit, variables)).start();
        // the journal is the standard output; standard error holds the emulation's own complaints
        CompletableFuture<String> complaints = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        String journal = read(process.getInputStream());
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(unit.name() + " did not end within " + timeout);
        }
        if (!complaints.get().isEmpty()) {
            throw new AssertionError("emulating " + unit.name() + " failed (exit " + process.exitValue() + "): " + complaints.get());
        }
        return new Outcome(process.exitValue(), journal);
    }

    private static String read(InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String script(SystemdUnit unit, Map<String, String> variables) {
        boolean dynamic = unit.value("Service.DynamicUser").orElse("no").equals("yes");
        String user = dynamic ? "nobody" : unit.value("Service.User").orElseThrow();
        String group = dynamic ? "nogroup" : unit.value("Service.Group").orElse(user);
        List<String> lines = new ArrayList<>();
        lines.add("set -e");
        // the journal is this script's standard output (kept as 3); its own complaints go to its
        // standard error until the command starts
        lines.add("exec 3>&1");
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PATH", SYSTEMD_PATH);
        environment.put("LANG", "C.UTF-8");
        environment.put("USER", user);
        environment.put("LOGNAME", user);
        environment.put("INVOCATION_ID", "0123456789abcdef0123456789abcdef");
        List<String> credentials = unit.all("Service.LoadCredential");
        if (!credentials.isEmpty()) {
            String folder = "/run/credentials/" + unit.name();
            environment.put("CREDENTIALS_DIRECTORY", folder);
            lines.add("mkdir -p /run/credentials && mount -t tmpfs -o mode=0755 tmpfs /run/credentials && mkdir -m 0700 " + quote(folder));
            for (String credential : credentials) {
                int colon = credential.indexOf(':');
                lines.add("cat " + quote(credential.substring(colon + 1)) + " > " + quote(folder + "/" + credential.substring(0, colon)));
            }
            lines.add("chown -R " + quote(user + ":" + group) + " " + quote(folder) + " && chmod 0400 " + quote(folder) + "/* && chmod 0500 " + quote(folder));
            lines.add("mount -o remount,ro /run/credentials");
        }
        environment.putAll(variables);
        if (unit.value("Service.PrivateTmp").orElse("no").equals("yes")) {
            lines.add("mount -t tmpfs -o mode=1777 tmpfs /tmp && mount -t tmpfs -o mode=1777 tmpfs /var/tmp");
        }
        if (unit.value("Service.ProtectHome").orElse("no").equals("yes")) {
            lines.add("for home in /home /root /run/user; do [ ! -d $home ] || mount -t tmpfs -o ro,mode=000 tmpfs $home; done");
        }
        unit.value("Service.ProtectSystem").ifPresent(protect -> {
            if (!protect.equals("strict")) {
                throw new IllegalArgumentException(unit.name() + ": ProtectSystem=" + protect + " is not emulated, only strict");
            }
            for (String writable : unit.items("Service.ReadWritePaths")) {
                lines.add("mount --bind " + quote(writable) + " " + quote(writable));
            }
        });
        // the files the command writes its output to: systemd opens them as root before the
        // sandbox; here, after the writable folders are bound, so that no file open for writing
        // keeps / from turning read-only (an append: file must lie in ReadWritePaths= here)
        lines.add(open(5, unit.value("Service.StandardOutput").orElse("journal")));
        lines.add(open(6, unit.value("Service.StandardError").orElse("inherit")));
        if (unit.value("Service.ProtectSystem").isPresent()) {
            lines.add("mount -o remount,bind,ro /");
        }
        lines.add("cd " + quote(unit.value("Service.WorkingDirectory").orElse("/")));
        lines.add("umask " + unit.value("Service.UMask").orElse("0022"));
        lines.add("exec 1>&5 2>&6 3>&- 5>&- 6>&-");
        List<String> setpriv = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=" + user, "--regid=" + group, "--init-groups"));
        if (unit.value("Service.NoNewPrivileges").orElse("no").equals("yes")) {
            setpriv.add("--no-new-privs");
        }
        if (unit.value("Service.CapabilityBoundingSet").orElse("-").isEmpty()) {
            setpriv.addAll(List.of("--bounding-set=-all", "--inh-caps=-all"));
        }
        StringBuilder command = new StringBuilder("exec");
        setpriv.forEach(word -> command.append(' ').append(quote(word)));
        // HOME and SHELL come from the user's passwd entry, as systemd sets them
        command.append(" /usr/bin/env -i HOME=\"$(getent passwd ").append(quote(user)).append(" | cut -d: -f6)\"")
                .append(" SHELL=\"$(getent passwd ").append(quote(user)).append(" | cut -d: -f7)\"");
        environment.forEach((name, value) -> command.append(' ').append(quote(name + "=" + value)));
        for (String word : execStart(unit, environment)) {
            command.append(' ').append(quote(word));
        }
        lines.add(command.toString());
        return String.join("\n", lines);
    }

    private static String open(int descriptor, String output) {
        if (output.startsWith("append:")) {
            return "exec " + descriptor + ">>" + quote(output.substring("append:".length()));
        }
        return switch (output) {
            case "journal" -> "exec " + descriptor + ">&3";
            // standard error as standard output
            case "inherit" -> "exec " + descriptor + ">&5";
            default -> throw new IllegalArgumentException("StandardOutput/StandardError=" + output + " is not emulated");
        };
    }

    /** ExecStart= split into words as systemd splits it, its specifiers (%n, %i) and ${VARIABLE}s replaced. */
    static List<String> execStart(SystemdUnit unit, Map<String, String> environment) {
        String line = unit.value("Service.ExecStart").orElseThrow();
        if (!line.isEmpty() && "-@+!:".indexOf(line.charAt(0)) >= 0) {
            throw new IllegalArgumentException(unit.name() + ": the ExecStart= prefix " + line.charAt(0) + " is not emulated");
        }
        String name = unit.name();
        String instance = name.contains("@") ? name.substring(name.indexOf('@') + 1, name.lastIndexOf('.')) : "";
        List<String> words = new ArrayList<>();
        Matcher word = Pattern.compile("\"([^\"]*)\"|'([^']*)'|(\\S+)").matcher(line);
        while (word.find()) {
            String text = word.group(1) != null ? word.group(1) : word.group(2) != null ? word.group(2) : word.group(3);
            text = text.replace("%n", name).replace("%i", instance).replace("%%", "%");
            if (text.matches("\\$[A-Za-z_].*")) {
                throw new IllegalArgumentException(unit.name() + ": $VARIABLE words (split by systemd) are not emulated: " + text);
            }
            words.add(VARIABLE.matcher(text).replaceAll(variable -> Matcher.quoteReplacement(environment.getOrDefault(variable.group(1), ""))));
        }
        return words;
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
