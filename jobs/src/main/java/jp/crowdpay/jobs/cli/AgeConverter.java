package jp.crowdpay.jobs.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A maximum age as operators write it: a whole number and a unit, d, h, m or s (26h, 15m, 2d); more than zero. */
class AgeConverter implements ITypeConverter<Duration> {

    private static final Pattern AGE = Pattern.compile("([0-9]{1,6})([dhms])");

    @Override
    public Duration convert(String value) {
        Matcher matcher = AGE.matcher(value);
        if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
            throw new TypeConversionException("'" + value + "' is not an age: a whole number above 0 and d, h, m or s, as 26h or 15m");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "d" -> Duration.ofDays(amount);
            case "h" -> Duration.ofHours(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofSeconds(amount);
        };
    }
}
