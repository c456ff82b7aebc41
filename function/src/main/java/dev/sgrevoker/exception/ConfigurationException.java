package dev.sgrevoker.exception;

/**
 * A setting of the function (one of its environment variables) that cannot be read: the function refuses to run on a
 * guess, so a mistake fails closed. The message names the setting (or the field inside it) and the reason.
 */
public final class ConfigurationException extends RuntimeException {
    private final String setting;
    private final String reason;

    public ConfigurationException(String setting, String reason) {
        super(setting + ": " + reason);
        this.setting = setting;
        this.reason = reason;
    }

    /** The setting, or the field inside it (SWEEP.controls[0]). */
    public String setting() {
        return setting;
    }

    public String reason() {
        return reason;
    }
}
