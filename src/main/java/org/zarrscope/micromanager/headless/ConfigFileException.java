package org.zarrscope.micromanager.headless;

import java.io.IOException;

/** A Micro-Manager configuration file has a line MMCore would refuse; the message names the file, line and problem. */
public final class ConfigFileException extends IOException {
    private static final long serialVersionUID = 1L;

    public ConfigFileException(String message) {
        super(message);
    }
}
