package jp.crowdpay.jobs.bankmaster;

import jp.crowdpay.jobs.bankfile.ZenginBankName;
import jp.crowdpay.jobs.bankfile.account.PayeeName;
import jp.crowdpay.jobs.bankfile.account.PayeeNameNormalizer;

/**
 * The bank or branch name of a Zengin data record, from the master's full-width kana. Made once,
 * at import, and copied onto each payout: a file reissued later has the bytes of the original,
 * whatever the rules or the master became since.
 */
final class ZenginName {

    private ZenginName() {
    }

    /**
     * The kana in the bank's half-width spelling, without the characters the name field lacks
     * (space and {@code ( ) . /}, which a payee name may hold: ｸﾚﾃﾞｲ.ｱｸﾞﾘｺﾙ becomes ｸﾚﾃﾞｲｱｸﾞﾘｺﾙ),
     * then cut to 15 characters as banks do; or null when it has characters the bank's set lacks
     * or no letter is left. The payee-name rules are the bank's rules for every name in a record,
     * so they apply here too.
     */
    static String of(String kana) {
        PayeeName.Result result = PayeeNameNormalizer.normalize(kana);
        if (!(result instanceof PayeeName.Valid valid)) {
            return null;
        }
        StringBuilder kept = new StringBuilder(valid.name().length());
        valid.name().chars().filter(c -> ZenginBankName.isAllowed((char) c)).forEach(c -> kept.append((char) c));
        String name = kept.length() <= ZenginBankName.WIDTH ? kept.toString() : kept.substring(0, ZenginBankName.WIDTH);
        return PayeeNameNormalizer.hasLetter(name) ? name : null;
    }
}
