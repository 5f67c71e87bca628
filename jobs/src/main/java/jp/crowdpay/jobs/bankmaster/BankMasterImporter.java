package jp.crowdpay.jobs.bankmaster;

import java.io.IOException;
import java.nio.file.Path;
import jp.crowdpay.jobs.runs.SharedResources;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Replaces the bank master by the contents of a zengin-code file. The file is read and checked
 * whole before the database is touched, and the replacement is one transaction: the payout
 * never sees half a master. A payout uses one master from its start to its end, so the import
 * is refused while a payout runs (it shares {@link BankMaster#RESOURCE}) or has not completed;
 * and it is refused when it would remove more of the master than the settings allow, unless
 * removals are {@link Removals#ALLOWED}.
 */
@Component
public class BankMasterImporter {

    private final BankMaster master;
    private final TransactionTemplate transaction;
    private final SharedResources shared;
    private final RemovalLimit removalLimit;

    public BankMasterImporter(BankMaster master, TransactionTemplate transaction, SharedResources shared,
                              BankMasterProperties settings) {
        this.master = master;
        this.transaction = transaction;
        this.shared = shared;
        this.removalLimit = settings.removalLimit();
    }

    /** Whether the import may remove more than {@code payout.bank-master.max-removed-percent}. */
    public enum Removals { LIMITED, ALLOWED }

    public Report importFile(Path file, Removals removals) throws IOException {
        BankMasterData data = ZenginCodeFile.read(file);
        return transaction.execute(status -> {
            if (!shared.tryTakeAloneForTransaction(BankMaster.RESOURCE)) {
                throw new Refused(Refused.Reason.IN_USE, "a payout run is in progress"
                        + shared.holder(BankMaster.RESOURCE) + "; it uses the master it started with until it completes");
            }
            master.firstUnfinishedPayout().ifPresent(date -> {
                throw new Refused(Refused.Reason.IN_USE, "the payout of " + date + " has not completed, and it"
                        + " continues with the master it started with; complete it first (payout --date " + date + ")");
            });
            BankMasterData before = master.load();
            BankMasterChanges changes = BankMasterChanges.between(before, data);
            if (removals == Removals.LIMITED) {
                removalLimit.refusal(changes, before.banks().size(), before.branchCount()).ifPresent(why -> {
                    throw new Refused(Refused.Reason.TOO_MANY_REMOVALS, why);
                });
            }
            master.replace(data, changes, file.toAbsolutePath().normalize().toString());
            return new Report(data.banks().size(), data.branchCount(), changes, data.unconvertedNames());
        });
    }

    public record Report(int banks, int branches, BankMasterChanges changes, int unconvertedNames) {
    }

    /** The import did not go ahead; the master is unchanged. */
    public static class Refused extends RuntimeException {

        public enum Reason { IN_USE, TOO_MANY_REMOVALS }

        private final Reason reason;

        Refused(Reason reason, String message) {
            super(message);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }
}
