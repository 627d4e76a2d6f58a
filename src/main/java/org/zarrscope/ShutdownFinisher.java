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
    private static final Set<Registration> OPEN = ConcurrentHashMap.newKeySet();
    private static volatile boolean hooked;

    /** Aborts one open writer; as {@code abort}, but building no pyramid after the run. */
    interface Abort {
        void run() throws IOException;
    }

    /** An open writer: its dataset, for the message should it fail, and how to abort it. */
    static final class Registration {
        private final String dataset;
        private final Abort abort;

        private Registration(String dataset, Abort abort) {
            this.dataset = dataset;
            this.abort = abort;
        }
    }

    private ShutdownFinisher() {
    }

    static Registration register(String dataset, Abort abort) {
        if (!hooked) {
            hook();
        }
        Registration registration = new Registration(dataset, abort);
        OPEN.add(registration);
        return registration;
    }

    static void unregister(Registration registration) {
        OPEN.remove(registration);
    }

    private static synchronized void hook() {
        if (!hooked) {
            Runtime.getRuntime().addShutdownHook(new Thread(ShutdownFinisher::finishAll, "zarrscope-shutdown"));
            hooked = true;
        }
    }

    private static void finishAll() {
        List<Registration> open = new ArrayList<>(OPEN);
        for (Registration writer : open) {
            try {
                writer.abort.run();
            } catch (IOException | RuntimeException e) {
                // nothing else will report it: the process is ending
                System.err.println("zarrscope: " + writer.dataset + " could not be finished at shutdown ("
                        + e.getMessage() + "); run zarrscope recover on it");
            }
        }
    }
}
