package jp.crowdpay.jobs.bankfile.account;

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

    private static final AccountType[] ALL = values();

    public static Optional<AccountType> ofCode(Integer code) {
        if (code != null) {
            for (AccountType type : ALL) {
                if (type.code == code) {
                    return Optional.of(type);
                }
            }
        }
        return Optional.empty();
    }
}
