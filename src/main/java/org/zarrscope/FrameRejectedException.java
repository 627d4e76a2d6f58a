package org.zarrscope;

/**
 * A frame was refused before it entered the writer: wrong size or pixel type, coordinates out of
 * range or already written. Nothing was written for it and the dataset is unchanged, so the
 * acquisition can go on.
 */
public final class FrameRejectedException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public FrameRejectedException(String message) {
        super(message);
    }
}
