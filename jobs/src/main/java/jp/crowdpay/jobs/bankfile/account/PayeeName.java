package jp.crowdpay.jobs.bankfile.account;

/** What {@link PayeeNameNormalizer} makes of a stored name: a name the bank takes, or why there is none. */
public final class PayeeName {

    private PayeeName() {
    }

    public sealed interface Result permits Valid, Invalid {
    }

    /** A 受取人名 the bank accepts: allowed characters only, 1 to 30 single-byte characters. */
    public record Valid(String name) implements Result {
        @Override
        public String toString() {
            // records print their fields; a name is personal data and must not reach the logs whole
            return "Valid[" + Masking.name(name) + "]";
        }
    }

    /** The name cannot be made valid; {@code problem} says why, naming at most one character of it. */
    public record Invalid(String problem) implements Result {
    }
}
