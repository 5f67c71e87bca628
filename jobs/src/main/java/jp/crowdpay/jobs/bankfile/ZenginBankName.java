package jp.crowdpay.jobs.bankfile;

import jp.crowdpay.jobs.bankfile.account.PayeeNameNormalizer;

/**
 * The characters of the bank-name and branch-name fields of a Zengin record (銀行名, 支店名, in the
 * header and in every data record): those of a payee name without the space and {@code ( ) . /},
 * which a strict reader refuses there. The order rules of a payee name (voiced marks, a letter)
 * apply too.
 */
public final class ZenginBankName {

    public static final int WIDTH = 15;

    private static final String PAYEE_NAME_ONLY = " ()./";

    private ZenginBankName() {
    }

    public static boolean isAllowed(char c) {
        return PayeeNameNormalizer.isAllowed(c) && PAYEE_NAME_ONLY.indexOf(c) < 0;
    }
}
