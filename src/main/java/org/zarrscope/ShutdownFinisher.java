package org.zarrscope;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finishes the writers still open when the JVM shuts down, as {@link AcquisitionWriter#abort}
 * does: every accepted frame is written and the dataset's metadata is completed with the status
 * {@code aborted}. This is what happens when Micro-Manager is closed in the middle of an
 * acquisition, a script calls {@code System.exit}, or the process receives SIGTERM without a
 * handler of its own; without it such a dataset would stay {@code acquiring} until
 * {@code zarrscope recover}. No pyramid is built after the run then: the process is on its way
 * out. (A killed process runs no hook: that is what recovery is for.)
 *
 * <p>One hook serves every writer of the JVM, so opening and closing writers never adds or
 * removes hooks, which the JVM refuses once shutdown has begun.
 */
final class ShutdownFinisher {
    private static final Set<AcquisitionWriter> OPEN = ConcurrentHashMap.newKeySet();
    private static volatile boolean hooked;

    private ShutdownFinisher() {
    }

    static void register(AcquisitionWriter writer) {
        if (!hooked) {
            hook();
        }
        OPEN.add(writer);
    }

    static void unregister(AcquisitionWriter writer) {
        OPEN.remove(writer);
    }

    private static synchronized void hook() {
        if (!hooked) {
            Runtime.getRuntime().addShutdownHook(new Thread(ShutdownFinisher::finishAll, "zarrscope-shutdown"));
            hooked = true;
        }
    }

    private static void finishAll() {
        List<AcquisitionWriter> open = new ArrayList<>(OPEN);
        for (AcquisitionWriter writer : open) {
            try {
                writer.abortAtShutdown();
            } catch (IOException | RuntimeException e) {
                // nothing else will report it: the process is ending
                System.err.println("zarrscope: " + writer.settings().output() + " could not be finished at shutdown ("
                        + e.getMessage() + "); run zarrscope recover on it");
            }
        }
    }
}
