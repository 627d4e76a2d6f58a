package org.zarrscope;

/** A writer setting is invalid; {@link #field()} names the setting, the message the allowed values. */
public final class SettingsException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public SettingsException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    /**
     * The name of the offending setting as {@link WriterSettings} calls it (e.g. {@code chunk.z},
     * {@code memoryBudget}); docs/api.md maps each to its builder method and CLI flag.
     */
    public String field() {
        return field;
    }
}
