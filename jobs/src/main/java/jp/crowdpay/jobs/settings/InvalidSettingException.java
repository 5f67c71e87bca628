package jp.crowdpay.jobs.settings;

/** A setting that parses but makes no sense (a fee above the threshold, say); names the setting. */
public class InvalidSettingException extends RuntimeException {
    public InvalidSettingException(String setting, String problem) {
        super(setting + ": " + problem);
    }
}
