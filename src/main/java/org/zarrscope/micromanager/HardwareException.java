package org.zarrscope.micromanager;

import java.io.IOException;

/** Micro-Manager refused a command (load a configuration, move a stage, start the camera, …); the message says which and why. */
public final class HardwareException extends IOException {
    private static final long serialVersionUID = 1L;

    public HardwareException(String message) {
        super(message);
    }

    public HardwareException(String message, Throwable cause) {
        super(message, cause);
    }
}
