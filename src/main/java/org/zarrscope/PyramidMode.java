package org.zarrscope;

/** When the reduced resolution levels of each image are built. */
public enum PyramidMode {
    /** Full resolution only. */
    NONE,
    /** Once the run completes, from the full-resolution chunks on disk (the default). */
    AFTER,
    /** While frames arrive, from each frame in memory: finishing takes seconds, at some CPU cost during the run. */
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
