package jp.crowdpay.jobs.seed;

import java.util.SplittableRandom;
import jp.crowdpay.jobs.seed.LedgerGenerator.BankAccount;

/** Bank accounts as workers register them: mostly right, sometimes wrong in the ways people get them wrong. */
final class BankAccounts {

    private record Bank(String code, int weight, int firstBranch, int lastBranch) {
    }

    // Where crowd workers bank: the three megabanks, Resona, and the net banks, whose branch
    // codes sit in narrow ranges (Rakuten's 2xx "music" branches, PayPay's 00x "bird" branches).
    private static final Bank[] BANKS = {
            new Bank("0001", 15, 1, 999),   // みずほ
            new Bank("0005", 18, 1, 999),   // 三菱UFJ
            new Bank("0009", 15, 1, 999),   // 三井住友
            new Bank("0010", 6, 1, 999),    // りそな
            new Bank("0036", 18, 201, 260), // 楽天
            new Bank("0033", 12, 1, 8),     // PayPay
            new Bank("0038", 12, 101, 110), // 住信SBIネット
            new Bank("0397", 4, 1, 60)};    // SBI新生

    private static final int TOTAL_WEIGHT = totalWeight();

    private BankAccounts() {
    }

    static BankAccount valid(long workerId, Names names, boolean fullWidthPayee, SplittableRandom random) {
        Bank bank = bank(random);
        String branch = pad(bank.firstBranch + random.nextInt(bank.lastBranch - bank.firstBranch + 1), 3);
        // 普通 overwhelmingly; 当座 and 貯蓄 are rare for individuals
        int type = random.nextInt(100);
        int accountType = type < 94 ? 1 : type < 97 ? 2 : 4;
        String number = pad(random.nextInt(10_000_000), 7);
        String payee = fullWidthPayee ? names.fullWidthKana() : names.bankKana();
        return new BankAccount(workerId, bank.code, branch, accountType, number, payee, true);
    }

    /** A registered account with exactly one of the mistakes the bank's field rules reject. */
    static BankAccount invalid(long workerId, Names names, SplittableRandom random) {
        BankAccount valid = valid(workerId, names, false, random);
        return switch (random.nextInt(6)) {
            case 0 -> withBranch(valid, valid.branchCode().substring(1));
            case 1 -> withNumber(valid, valid.accountNumber().substring(1));
            case 2 -> withNumber(valid, valid.accountNumber() + random.nextInt(10));
            case 3 -> new BankAccount(workerId, valid.bankCode(), valid.branchCode(), 3,
                    valid.accountNumber(), valid.payeeName(), false);
            case 4 -> withPayee(valid, names.romaji());
            default -> withPayee(valid, names.displayName());
        };
    }

    private static BankAccount withBranch(BankAccount a, String branch) {
        return new BankAccount(a.workerId(), a.bankCode(), branch, a.accountType(), a.accountNumber(), a.payeeName(), false);
    }

    private static BankAccount withNumber(BankAccount a, String number) {
        return new BankAccount(a.workerId(), a.bankCode(), a.branchCode(), a.accountType(), number, a.payeeName(), false);
    }

    private static BankAccount withPayee(BankAccount a, String payee) {
        return new BankAccount(a.workerId(), a.bankCode(), a.branchCode(), a.accountType(), a.accountNumber(), payee, false);
    }

    private static Bank bank(SplittableRandom random) {
        int pick = random.nextInt(TOTAL_WEIGHT);
        for (Bank bank : BANKS) {
            pick -= bank.weight;
            if (pick < 0) {
                return bank;
            }
        }
        throw new AssertionError("weights add up to TOTAL_WEIGHT");
    }

    // String.format is slow enough to show at a million workers
    private static String pad(int value, int width) {
        String digits = Integer.toString(value);
        return "0".repeat(width - digits.length()) + digits;
    }

    private static int totalWeight() {
        int total = 0;
        for (Bank bank : BANKS) {
            total += bank.weight;
        }
        return total;
    }
}
