package org.zarrscope;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the microscope recorded about the run as a whole, beyond the array's shape: the channel
 * group, start time, file prefix and folder the user chose, and free key/value user data. Kept
 * in the dataset's metadata; every field is optional.
 */
public final class AcquisitionSummary {
    /** A run with nothing recorded. */
    public static final AcquisitionSummary NONE = builder().build();

    private final String channelGroup;
    private final String startTime;
    private final String prefix;
    private final String directory;
    private final Map<String, String> userData;

    private AcquisitionSummary(Builder builder) {
        channelGroup = builder.channelGroup;
        startTime = builder.startTime;
        prefix = builder.prefix;
        directory = builder.directory;
        userData = Collections.unmodifiableMap(new LinkedHashMap<>(builder.userData));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Micro-Manager's channel group (e.g. {@code Channel}), or {@code null}. */
    public String channelGroup() { return channelGroup; }

    /** When the run started, as the microscope wrote it (ISO-8601 preferred), or {@code null}. */
    public String startTime() { return startTime; }

    public String prefix() { return prefix; }

    public String directory() { return directory; }

    /** User data, in the order given. */
    public Map<String, String> userData() { return userData; }

    /** Builds an {@link AcquisitionSummary}; unset fields stay {@code null}. */
    public static final class Builder {
        private String channelGroup;
        private String startTime;
        private String prefix;
        private String directory;
        private final Map<String, String> userData = new LinkedHashMap<>();

        public Builder channelGroup(String value) { channelGroup = value; return this; }

        public Builder startTime(String value) { startTime = value; return this; }

        public Builder prefix(String value) { prefix = value; return this; }

        public Builder directory(String value) { directory = value; return this; }

        public Builder userData(String key, String value) { userData.put(key, value); return this; }

        public AcquisitionSummary build() { return new AcquisitionSummary(this); }
    }
}
