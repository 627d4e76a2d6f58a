package org.zarrscope.ingest;

import org.zarrscope.WriterFailedException;

/**
 * Remembers the first failure of any pipeline thread (a chunk that could not be written, a memory
 * budget that cannot hold the open chunks) so that the camera thread learns of it at its next
 * {@code write} and {@code finish} reports it. Later failures are attached as suppressed.
 */
public final class FailureLatch {
    private volatile WriterFailedException failure;

    /** Records a failure; the message should name the dataset, array and chunk key. */
    public synchronized void fail(String message, Throwable cause) {
        if (failure == null) {
            failure = new WriterFailedException(message, cause);
        } else {
            failure.addSuppressed(cause);
        }
    }

    public boolean hasFailed() {
        return failure != null;
    }

    /** Throws the recorded failure, if any. */
    public void throwIfFailed() {
        throwIfFailed("");
    }

    /**
     * Throws the recorded failure, if any, its message followed by {@code outcome}: what the
     * writer saved despite it, known only once it has finished.
     */
    public void throwIfFailed(String outcome) {
        WriterFailedException recorded = failure;
        if (recorded != null) {
            throw new WriterFailedException(recorded.getMessage() + outcome, recorded);
        }
    }
}
