package org.zarrscope.cli;

import java.io.IOException;
import org.zarrscope.AcquisitionWriter;
import org.zarrscope.WriterFailedException;

/**
 * The failure to print when a {@code write} failed (disk full, I/O error). The write's own message
 * names the chunk and the cause but cannot know what was saved; {@code finish()} ends the writer
 * and reports the same failure with that: frames readable, whether {@code recover} would add any,
 * whether the dataset is marked failed.
 */
final class WriterFailure {
    private WriterFailure() {
    }

    static WriterFailedException reportedAtFinish(AcquisitionWriter writer) throws IOException {
        try {
            writer.finish();
        } catch (WriterFailedException withOutcome) {
            return withOutcome;
        }
        throw new IllegalStateException("the writer of " + writer.settings().output() + " refused a frame as failed, "
                + "yet finished without a failure");
    }
}
