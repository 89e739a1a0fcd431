package dev.dcosnative.shared.marathon;

/**
 * A JSON value of the wrong shape, found while reading a custom-shaped field; {@link MarathonJson} reports it with its
 * path and this Play-style error key ({@code error.expected.jsstring}, ...), as Marathon does.
 */
public final class JsonErrorException extends IllegalArgumentException {

    private final String field;

    public JsonErrorException(String error) {
        this(error, null);
    }

    /** An error in {@code field} of the value being read. */
    public JsonErrorException(String error, String field) {
        super(error);
        this.field = field;
    }

    /** The field of the value being read that is wrong, or null when the value itself is. */
    public String field() {
        return field;
    }
}
