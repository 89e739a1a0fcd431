package dev.dcosnative.master.iam.core;

/**
 * A request IAM refuses as Bouncer does (400), with Bouncer's error {@code code} ({@code ERR_INVALID_DATA},
 * {@code ERR_INVALID_USER_ID}, ...) and a description for the caller. Never carries a secret.
 */
public final class InvalidRequest extends RuntimeException {

    private final String code;

    public InvalidRequest(String code, String description) {
        super(description, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }

    public String description() {
        return getMessage();
    }
}
