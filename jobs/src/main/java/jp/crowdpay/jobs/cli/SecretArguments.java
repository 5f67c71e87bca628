package jp.crowdpay.jobs.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.crowdpay.jobs.runs.Secrets;
import picocli.CommandLine;

/**
 * The words of a command line that may carry a secret: an option whose name says password, secret
 * or token (in any case), and its value, given as {@code --name=value} or as the next word. No
 * command has such an option: one on the command line is a mistake (a password meant for a
 * setting) and is refused without its value, which cron would otherwise mail to a list.
 */
final class SecretArguments {

    private final String[] args;
    private final List<String> secretOptions = new ArrayList<>();
    private final List<String> values = new ArrayList<>();
    private final boolean[] hidden;

    private SecretArguments(String[] args) {
        this.args = args;
        this.hidden = new boolean[args.length];
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("-")) {
                continue;
            }
            int equals = args[i].indexOf('=');
            String name = equals < 0 ? args[i] : args[i].substring(0, equals);
            if (!Secrets.isSecretName(name)) {
                continue;
            }
            secretOptions.add(name);
            if (equals >= 0) {
                values.add(args[i].substring(equals + 1));
                hidden[i] = true;
            } else if (i + 1 < args.length && !args[i + 1].startsWith("-")) {
                values.add(args[i + 1]);
                hidden[i + 1] = true;
            }
        }
    }

    static SecretArguments of(String[] args) {
        return new SecretArguments(args);
    }

    /**
     * The usage error of the first option that looks like it carries a secret and that the command
     * does not have, if there is one: it names the option, never its value.
     */
    Optional<String> refusal(CommandLine root) {
        CommandLine command = args.length > 0 && root.getSubcommands().containsKey(args[0]) ? root.getSubcommands().get(args[0]) : root;
        return secretOptions.stream().filter(name -> command.getCommandSpec().findOption(name) == null).findFirst()
                .map(name -> "Unknown option: '" + name + "' (its value is not shown); a password belongs in a setting"
                        + " or a password file (docs/database.md), never on the command line");
    }

    /** The command line as it may be shown: secret values replaced. */
    String shown(int from) {
        List<String> shown = new ArrayList<>();
        for (int i = from; i < args.length; i++) {
            int equals = args[i].indexOf('=');
            shown.add(!hidden[i] ? args[i] : equals >= 0 && args[i].startsWith("-")
                    ? args[i].substring(0, equals + 1) + Secrets.NOT_SHOWN : Secrets.NOT_SHOWN);
        }
        return String.join(" ", shown);
    }

    /** A message with every secret value of the command line replaced, and any URL's password. */
    String mask(String message) {
        String masked = message;
        for (String value : values) {
            if (!value.isEmpty()) {
                masked = masked.replace(value, Secrets.NOT_SHOWN);
            }
        }
        return Secrets.mask(masked);
    }
}
