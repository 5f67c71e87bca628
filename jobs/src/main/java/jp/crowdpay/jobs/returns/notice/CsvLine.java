package jp.crowdpay.jobs.returns.notice;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV line as RFC 4180 writes it: fields separated by commas, a field in double
 * quotes may hold commas and doubled quotes. Anything else around quotes is refused rather than
 * guessed at: a guessed field could shift an amount or a customer code into another column.
 */
final class CsvLine {

    private CsvLine() {
    }

    /** The fields, unquoted; an {@link IllegalArgumentException} says what is malformed and where. */
    static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        int i = 0;
        while (true) {
            StringBuilder field = new StringBuilder();
            if (i < line.length() && line.charAt(i) == '"') {
                int opening = i++;
                while (true) {
                    if (i >= line.length()) {
                        throw new IllegalArgumentException("the quote at character " + (opening + 1) + " is not closed");
                    }
                    char c = line.charAt(i++);
                    if (c != '"') {
                        field.append(c);
                    } else if (i < line.length() && line.charAt(i) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        break;
                    }
                }
                if (i < line.length() && line.charAt(i) != ',') {
                    throw new IllegalArgumentException("character " + (i + 1) + " follows a closing quote");
                }
            } else {
                while (i < line.length() && line.charAt(i) != ',') {
                    char c = line.charAt(i++);
                    if (c == '"') {
                        throw new IllegalArgumentException("a quote at character " + i + " inside a field without quotes");
                    }
                    field.append(c);
                }
            }
            fields.add(field.toString());
            if (i >= line.length()) {
                return fields;
            }
            i++; // the comma
        }
    }
}
