package jp.crowdpay.jobs.bankmaster;

import java.util.List;

/** What replacing one bank master by another adds, changes (name or kana) and removes. */
public record BankMasterChanges(int banksAdded, int banksChanged, int banksRemoved,
                                int branchesAdded, int branchesChanged, int branchesRemoved) {

    public static BankMasterChanges between(BankMasterData before, BankMasterData after) {
        int[] banks = new int[3];
        int[] branches = new int[3];
        after.banks().forEach((code, bank) -> {
            BankMasterData.Bank old = before.banks().get(code);
            if (old == null) {
                banks[0]++;
                branches[0] += bank.branches().size();
                return;
            }
            banks[1] += bank.sameNames(old) ? 0 : 1;
            bank.branches().forEach((branchCode, branch) -> {
                BankMasterData.Branch oldBranch = old.branches().get(branchCode);
                if (oldBranch == null) {
                    branches[0]++;
                } else if (!branch.sameNames(oldBranch)) {
                    branches[1]++;
                }
            });
            branches[2] += (int) old.branches().keySet().stream()
                    .filter(branchCode -> !bank.branches().containsKey(branchCode)).count();
        });
        before.banks().forEach((code, old) -> {
            if (!after.banks().containsKey(code)) {
                banks[2]++;
                branches[2] += old.branches().size();
            }
        });
        return new BankMasterChanges(banks[0], banks[1], banks[2], branches[0], branches[1], branches[2]);
    }

    public List<String> lines() {
        return List.of(
                String.format("  banks     added %,d  changed %,d  removed %,d", banksAdded, banksChanged, banksRemoved),
                String.format("  branches  added %,d  changed %,d  removed %,d",
                        branchesAdded, branchesChanged, branchesRemoved));
    }
}
