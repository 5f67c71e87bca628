package jp.crowdpay.jobs.runs;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * No password in anything the program prints or logs: cron mails standard output and error, and
 * logs are read by many. Names that say they hold a secret, and the password a JDBC URL may carry
 * ({@code ?password=...}), are shown without their value. (The pool and Flyway mask a URL's
 * password in their own log lines; every line this program builds from a failure is masked here.)
 */
public final class Secrets {

    /** What a setting or an option is called when its value is a secret. */
    private static final Pattern SECRET_NAME = Pattern.compile("(?i)passw(or)?d|passphrase|secret|token|credential|api[-_.]?key");
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)([?&;]password=)([^&;#\\s'\"]*)");
    /** user:password@host in a URL. */
    private static final Pattern USER_INFO = Pattern.compile("(://[^/:@\\s]+:)([^@/\\s]+)@");
    public static final String NOT_SHOWN = "(not shown)";

    private Secrets() {
    }

    /** Whether a setting or option of this name holds a secret: password, secret, token... in any case. */
    public static boolean isSecretName(String name) {
        return SECRET_NAME.matcher(name).find();
    }

    /** The text with the password of every URL in it replaced by {@link #NOT_SHOWN}. */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = URL_PASSWORD.matcher(text).replaceAll("$1" + Matcher.quoteReplacement(NOT_SHOWN));
        return USER_INFO.matcher(masked).replaceAll("$1" + Matcher.quoteReplacement(NOT_SHOWN) + "@");
    }
}
