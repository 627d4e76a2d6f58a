package org.zarrscope;

/**
 * Writing the dataset failed (disk full, I/O error, memory budget too small for the chunking):
 * the message names the dataset, array and chunk key. Chunks already flushed stay readable; the
 * writer accepts no more frames.
 */
public final class WriterFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WriterFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
