package org.zarrscope;

/**
 * What {@code write} does when the memory budget is exhausted (the disk or the codecs are slower
 * than the camera).
 */
public enum BackPressurePolicy {
    /**
     * Block the caller until space frees up, counting the time blocked. Choose this behind
     * Micro-Manager, whose circular buffer absorbs the wait: no frame is lost.
     */
    BLOCK,
    /**
     * Throw {@link BackPressureException} at once. Choose this when the caller has its own
     * buffering or must never stall.
     */
    FAIL
}
