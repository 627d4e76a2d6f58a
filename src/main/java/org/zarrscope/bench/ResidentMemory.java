package org.zarrscope.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.OptionalLong;

/**
 * The process's resident memory as Linux reports it in {@code /proc/self/status}: what the
 * operating system really gives the JVM (heap it has touched, direct buffers, native codec state),
 * as opposed to what Java counts. Elsewhere every reading is empty.
 */
final class ResidentMemory {
    private static final Path STATUS = Paths.get("/proc/self/status");
    private static final Path CLEAR_REFS = Paths.get("/proc/self/clear_refs");

    private ResidentMemory() {
    }

    /** Resident bytes now ({@code VmRSS}). */
    static OptionalLong now() {
        return field("VmRSS:");
    }

    /** The most resident bytes since the process started or {@link #resetPeak} ({@code VmHWM}). */
    static OptionalLong peak() {
        return field("VmHWM:");
    }

    /** Starts a new peak from the resident bytes of now (Linux 4.0 and later); false where that is not possible. */
    static boolean resetPeak() {
        try {
            Files.write(CLEAR_REFS, "5".getBytes(StandardCharsets.US_ASCII));
            return true;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false; // not Linux, or an older kernel: the bench then says the peak was not measured
        }
    }

    private static OptionalLong field(String name) {
        if (!Files.isReadable(STATUS)) {
            return OptionalLong.empty();
        }
        try {
            for (String line : Files.readAllLines(STATUS, StandardCharsets.US_ASCII)) {
                if (line.startsWith(name)) {
                    String kilobytes = line.substring(name.length()).trim().split("\\s+")[0];
                    return OptionalLong.of(Long.parseLong(kilobytes) * 1024);
                }
            }
            return OptionalLong.empty();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + STATUS + ": " + e.getMessage(), e);
        }
    }
}
