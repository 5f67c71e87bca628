package jp.crowdpay.jobs.bankfile;

import java.util.Arrays;
import java.util.Optional;

/** 預金種目, with the one-digit code banks use for it. */
public enum AccountType {
    /** 普通 */
    ORDINARY(1),
    /** 当座 */
    CHECKING(2),
    /** 貯蓄 */
    SAVINGS(4);

    private final int code;

    AccountType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<AccountType> ofCode(Integer code) {
        return Arrays.stream(values()).filter(t -> code != null && t.code == code).findFirst();
    }
}
