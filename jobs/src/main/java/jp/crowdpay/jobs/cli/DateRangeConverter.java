package jp.crowdpay.jobs.cli;

import jp.crowdpay.jobs.close.DateRange;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code 2026-11-07} or {@code 2026-11-01..2026-11-09}; anything else is a usage error (exit 2). */
class DateRangeConverter implements ITypeConverter<DateRange> {

    @Override
    public DateRange convert(String text) {
        try {
            return DateRange.parse(text);
        } catch (IllegalArgumentException bad) {
            throw new TypeConversionException(bad.getMessage());
        }
    }
}
