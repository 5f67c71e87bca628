package jp.crowdpay.jobs.bankmaster;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The bank master tables: read whole, replaced whole, and asked which codes exist. */
@Repository
public class BankMaster {

    /** What a payout shares and an import takes alone ({@link jp.crowdpay.jobs.runs.SharedResources}). */
    public static final String RESOURCE = "bankMaster";

    private static final int BATCH = 2_000;

    private final JdbcTemplate jdbc;

    public BankMaster(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The codes of the loaded master, or empty when none is loaded and only the field rules can
     * be checked. About 30,000 short strings for the whole country: read once per run.
     */
    public Optional<KnownCodes> knownCodes() {
        Set<String> banks = new HashSet<>(jdbc.queryForList("select code from bank", String.class));
        if (banks.isEmpty()) {
            return Optional.empty();
        }
        Set<String> branches = new HashSet<>(40_000);
        jdbc.query("select bank_code || code from bank_branch", rs -> {
            branches.add(rs.getString(1));
        });
        return Optional.of(new KnownCodes(banks, branches));
    }

    /** Bank codes ({@code "0036"}) and bank+branch codes ({@code "0036251"}) of a loaded master. */
    public record KnownCodes(Set<String> banks, Set<String> branches) {

        public boolean hasBank(String bankCode) {
            return banks.contains(bankCode);
        }

        public boolean hasBranch(String bankCode, String branchCode) {
            return branches.contains(bankCode + branchCode);
        }
    }

    /** The loaded master, for comparing with a new one. */
    public BankMasterData load() {
        Map<String, Map<String, BankMasterData.Branch>> branches = new HashMap<>();
        jdbc.query("select bank_code, code, name, kana, zengin_name from bank_branch", rs -> {
            branches.computeIfAbsent(rs.getString(1), code -> new HashMap<>()).put(rs.getString(2),
                    new BankMasterData.Branch(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
        });
        TreeMap<String, BankMasterData.Bank> banks = new TreeMap<>();
        jdbc.query("select code, name, kana, zengin_name from bank", rs -> {
            String code = rs.getString(1);
            banks.put(code, new BankMasterData.Bank(code, rs.getString(2), rs.getString(3), rs.getString(4),
                    branches.getOrDefault(code, Map.of())));
        });
        return new BankMasterData(banks);
    }

    /**
     * The earliest business date whose payout has not completed, if any: that run continues with
     * the master it started with (the database refuses a change to the master meanwhile).
     */
    Optional<LocalDate> firstUnfinishedPayout() {
        return Optional.ofNullable(jdbc.queryForObject(
                "select min(business_date) from payout_run where completed_at is null", LocalDate.class));
    }

    /** Replaces the master in the caller's transaction and logs the import. */
    void replace(BankMasterData data, BankMasterChanges changes, String file) {
        jdbc.update("delete from bank_branch");
        jdbc.update("delete from bank");
        List<BankMasterData.Bank> banks = new ArrayList<>(data.banks().values());
        jdbc.batchUpdate("insert into bank (code, name, kana, zengin_name) values (?, ?, ?, ?)",
                banks, BATCH, (statement, bank) -> {
                    statement.setString(1, bank.code());
                    statement.setString(2, bank.name());
                    statement.setString(3, bank.kana());
                    statement.setString(4, bank.zenginName());
                });
        List<Object[]> branches = new ArrayList<>(data.branchCount());
        for (BankMasterData.Bank bank : banks) {
            for (BankMasterData.Branch branch : bank.branches().values()) {
                branches.add(new Object[] {bank.code(), branch.code(), branch.name(), branch.kana(), branch.zenginName()});
            }
        }
        jdbc.batchUpdate("insert into bank_branch (bank_code, code, name, kana, zengin_name) values (?, ?, ?, ?, ?)",
                branches, BATCH, (statement, row) -> {
                    for (int i = 0; i < row.length; i++) {
                        statement.setString(i + 1, (String) row[i]);
                    }
                });
        jdbc.update("""
                insert into bank_master_import (file, banks, branches, banks_added, banks_changed, banks_removed,
                                                branches_added, branches_changed, branches_removed, names_unconverted)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                file, data.banks().size(), data.branchCount(), changes.banksAdded(), changes.banksChanged(),
                changes.banksRemoved(), changes.branchesAdded(), changes.branchesChanged(), changes.branchesRemoved(),
                data.unconvertedNames());
    }
}
