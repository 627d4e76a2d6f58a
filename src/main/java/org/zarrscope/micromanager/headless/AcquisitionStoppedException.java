package org.zarrscope.micromanager.headless;

import java.io.IOException;

/**
 * A headless acquisition stopped before its last frame: the circular buffer overflowed, the
 * camera stopped or fell silent, or the writer refused a frame. The frames taken before were
 * written; the message says how many, where it stopped and what to change.
 */
public final class AcquisitionStoppedException extends IOException {
    private static final long serialVersionUID = 1L;

    public AcquisitionStoppedException(String message) {
        super(message);
    }

    public AcquisitionStoppedException(String message, Throwable cause) {
        super(message, cause);
    }
}
