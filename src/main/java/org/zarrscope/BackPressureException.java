package org.zarrscope;

/**
 * The memory budget is full and the writer was configured with {@link BackPressurePolicy#FAIL}:
 * the frame was not accepted. The caller may retry it later.
 */
public final class BackPressureException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BackPressureException(String message) {
        super(message);
    }
}
