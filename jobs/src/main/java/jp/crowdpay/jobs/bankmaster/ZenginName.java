package jp.crowdpay.jobs.bankmaster;

import jp.crowdpay.jobs.bankfile.PayeeName;
import jp.crowdpay.jobs.bankfile.PayeeNameNormalizer;

/** The bank or branch name of a Zengin data record, from the master's full-width kana. */
final class ZenginName {

    static final int WIDTH = 15;

    private ZenginName() {
    }

    /**
     * The kana in the bank's half-width spelling, cut to 15 characters as banks do, or null
     * when it has characters the bank's set lacks. The payee-name rules are the bank's rules
     * for every name in a record, so they apply here too.
     */
    static String of(String kana) {
        PayeeName.Result result = PayeeNameNormalizer.normalize(kana);
        if (!(result instanceof PayeeName.Valid valid)) {
            return null;
        }
        String name = valid.name();
        return name.length() <= WIDTH ? name : name.substring(0, WIDTH).stripTrailing();
    }
}
