package org.zarrscope;

/** When the reduced resolution levels of each image are built. */
public enum PyramidMode {
    /** Full resolution only. */
    NONE,
    /**
     * Once the run completes, from the full-resolution chunks on disk: nothing during the run, but
     * finishing takes about as long as writing did. For a camera that keeps the writer at its top
     * speed.
     */
    AFTER,
    /**
     * While frames arrive, from each frame in memory (the default): finished a fraction of a second
     * after the last frame, at about a third more work during the run (docs/benchmarks.md).
     */
    STREAMING;

    /** The mode named on the command line: {@code none}, {@code after} or {@code streaming}. */
    public static PyramidMode parse(String text) {
        for (PyramidMode mode : values()) {
            if (mode.name().equalsIgnoreCase(text.trim())) {
                return mode;
            }
        }
        throw new SettingsException("pyramid", "'" + text + "' is not a pyramid mode; allowed: none, after, streaming");
    }
}
