package org.zarrscope.micromanager.studio;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A virtual X display for MMStudio, which opens real Swing windows and cannot run with
 * {@code java.awt.headless}. Xvfb picks a free display number itself ({@code -displayfd}), so
 * parallel builds do not collide; {@link #close} ends it.
 */
final class XvfbDisplay implements AutoCloseable {
    private final Process xvfb;
    private final String display;

    private XvfbDisplay(Process xvfb, String display) {
        this.xvfb = xvfb;
        this.display = display;
    }

    /** @throws AssertionError if Xvfb is not installed or does not start (the message says how to install it) */
    static XvfbDisplay start(Path log) throws IOException {
        Process xvfb;
        try {
            xvfb = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "1280x1024x24", "-nolisten", "tcp")
                    .redirectError(log.toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("the Studio test needs Xvfb (apt-get install xvfb): " + e.getMessage(), e);
        }
        BufferedReader out = new BufferedReader(new InputStreamReader(xvfb.getInputStream(), StandardCharsets.US_ASCII));
        String number = out.readLine();
        if (number == null || !number.trim().matches("\\d+")) {
            xvfb.destroyForcibly();
            throw new AssertionError("Xvfb did not start (it said " + number + "); see " + log);
        }
        return new XvfbDisplay(xvfb, ":" + number.trim());
    }

    /** The value of {@code DISPLAY} for programs that should draw on it. */
    String display() { return display; }

    @Override
    public void close() throws InterruptedException {
        xvfb.destroy();
        if (!xvfb.waitFor(10, TimeUnit.SECONDS)) {
            xvfb.destroyForcibly().waitFor();
        }
    }
}
