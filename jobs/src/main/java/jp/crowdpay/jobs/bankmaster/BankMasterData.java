package jp.crowdpay.jobs.bankmaster;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Banks by 4-digit code, each with its branches by 3-digit code: a whole bank master. */
public record BankMasterData(SortedMap<String, Bank> banks) {

    public BankMasterData {
        banks = Collections.unmodifiableSortedMap(new TreeMap<>(banks));
    }

    /**
     * A bank as the data set names it. {@code zenginName} is the kana in half-width, cut to the
     * 15 characters of a Zengin record, or null when the kana cannot be made valid.
     */
    public record Bank(String code, String name, String kana, String zenginName, Map<String, Branch> branches) {

        public Bank {
            branches = Collections.unmodifiableSortedMap(new TreeMap<>(branches));
        }

        boolean sameNames(Bank other) {
            return name.equals(other.name) && kana.equals(other.kana);
        }
    }

    public record Branch(String code, String name, String kana, String zenginName) {

        boolean sameNames(Branch other) {
            return name.equals(other.name) && kana.equals(other.kana);
        }
    }

    public int branchCount() {
        return banks.values().stream().mapToInt(bank -> bank.branches().size()).sum();
    }

    /** Banks and branches whose kana could not be made into a Zengin name. */
    public int unconvertedNames() {
        int count = 0;
        for (Bank bank : banks.values()) {
            count += bank.zenginName() == null ? 1 : 0;
            for (Branch branch : bank.branches().values()) {
                count += branch.zenginName() == null ? 1 : 0;
            }
        }
        return count;
    }
}
