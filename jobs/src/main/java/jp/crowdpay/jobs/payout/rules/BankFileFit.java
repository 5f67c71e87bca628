package jp.crowdpay.jobs.payout.rules;

import java.math.BigInteger;
import java.util.Optional;
import jp.crowdpay.jobs.bankfile.BankFileFormat;
import jp.crowdpay.jobs.bankfile.PayoutLine;

/**
 * Whether a payout fits the night's bank file: the format can write its line, and a file whose
 * trailer limits it has room for one more line of that amount. Decided with the worker, before
 * the payout is made, so that the file can always be written for what was paid; a payout that
 * does not fit is carried forward instead.
 */
public final class BankFileFit {

    private final BankFileFormat format;

    public BankFileFit(BankFileFormat format) {
        this.format = format;
    }

    public boolean limitsFiles() {
        return format.limits().isPresent();
    }

    /** The room left in the night's file once the given lines are in it. */
    public Room room(long linesSoFar, BigInteger yenSoFar) {
        return new Room(linesSoFar, yenSoFar);
    }

    /** Whether one file of the format can state this many lines and yen. */
    public boolean fileHolds(long lines, BigInteger yen) {
        return format.limits().map(limits -> lines <= limits.records()
                && yen.compareTo(BigInteger.valueOf(limits.totalYen())) <= 0).orElse(true);
    }

    /**
     * The payout as decided, or carried forward as {@link PayoutOutcome#BANK_FILE_LIMIT}; takes its
     * room when it fits.
     *
     * @param room null for formats without limits
     */
    public Decision check(Decision.Pay pay, PayoutLine line, Room room) {
        Optional<String> cannot = format.cannotWrite(line);
        if (cannot.isPresent()) {
            return new Decision.CarryForward(pay.balance(), PayoutOutcome.BANK_FILE_LIMIT, cannot.get());
        }
        if (room == null) {
            return pay;
        }
        BigInteger more = room.yen.add(BigInteger.valueOf(pay.amountYen()));
        if (!fileHolds(room.lines + 1, more)) {
            BankFileFormat.FileLimits limits = format.limits().orElseThrow();
            return new Decision.CarryForward(pay.balance(), PayoutOutcome.BANK_FILE_LIMIT, "the " + format.name()
                    + " file of the night is full: it holds at most " + limits.records() + " lines and "
                    + limits.totalYen() + " yen");
        }
        room.lines++;
        room.yen = more;
        return pay;
    }

    /** The lines and yen in the night's file so far, as this chunk adds to them. */
    public static final class Room {
        private long lines;
        private BigInteger yen;

        private Room(long lines, BigInteger yen) {
            this.lines = lines;
            this.yen = yen;
        }
    }
}
