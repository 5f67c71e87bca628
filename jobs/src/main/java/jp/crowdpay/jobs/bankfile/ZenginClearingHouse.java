package jp.crowdpay.jobs.bankfile;

/**
 * What a Zengin data record carries in its unused clearing-house field (手形交換所番号, bytes
 * 39-42). Both are in use; zeros are what every reader tried accepts, a strict one refuses spaces.
 */
public enum ZenginClearingHouse {
    ZEROS("0000"),
    SPACES("    ");

    private final String field;

    ZenginClearingHouse(String field) {
        this.field = field;
    }

    /** The four bytes of the field. */
    public String field() {
        return field;
    }
}
