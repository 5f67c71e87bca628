package jp.crowdpay.jobs.returns.notice;

import java.util.Arrays;
import java.util.Optional;

/** Why the receiving bank sent a transfer back, by the code of the default return notice. */
public enum ReturnReason {
    NO_SUCH_ACCOUNT(1, "口座なし"),
    PAYEE_NAME_DIFFERS(2, "名義相違"),
    ACCOUNT_CLOSED(3, "解約済"),
    ACCOUNT_FROZEN_OR_REFUSED(4, "取引停止・受取拒否"),
    OTHER(9, "その他");

    private final int code;
    private final String japanese;

    ReturnReason(int code, String japanese) {
        this.code = code;
        this.japanese = japanese;
    }

    public int code() {
        return code;
    }

    public static Optional<ReturnReason> ofCode(int code) {
        return Arrays.stream(values()).filter(reason -> reason.code == code).findFirst();
    }

    /** {@code 1 NO_SUCH_ACCOUNT (口座なし)}: what operators read in reports. */
    public String label() {
        return code + " " + name() + " (" + japanese + ")";
    }
}
