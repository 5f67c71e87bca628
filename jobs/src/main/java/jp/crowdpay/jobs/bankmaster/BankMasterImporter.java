package jp.crowdpay.jobs.bankmaster;

import java.io.IOException;
import java.nio.file.Path;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Replaces the bank master by the contents of a zengin-code file. The file is read and checked
 * whole before the database is touched, and the replacement is one transaction: the payout
 * never sees half a master.
 */
@Component
public class BankMasterImporter {

    private final BankMaster master;
    private final TransactionTemplate transaction;

    public BankMasterImporter(BankMaster master, TransactionTemplate transaction) {
        this.master = master;
        this.transaction = transaction;
    }

    public Report importFile(Path file) throws IOException {
        BankMasterData data = ZenginCodeFile.read(file);
        return transaction.execute(status -> {
            BankMasterChanges changes = BankMasterChanges.between(master.load(), data);
            master.replace(data, changes, file.toAbsolutePath().normalize().toString());
            return new Report(data.banks().size(), data.branchCount(), changes, data.unconvertedNames());
        });
    }

    public record Report(int banks, int branches, BankMasterChanges changes, int unconvertedNames) {
    }
}
