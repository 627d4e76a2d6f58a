package org.zarrscope.micromanager.mda;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The parts of a run's summary that OME-NGFF has no place for, read back from the {@code summary}
 * Zarrscope keeps in its root attributes ({@link org.zarrscope.metadata.ZarrscopeAttributes}):
 * channel group, start time, directory, pixel-size affine and user data. Micro-Manager's viewer
 * needs the channel group (its channel display settings are keyed by it); a dataset from another
 * writer has none of these, and the summary keeps what OME-NGFF gave.
 */
final class RecordedSummary {
    private RecordedSummary() {
    }

    /** Adds what {@code summary} (Zarrscope's {@code summary} attribute, possibly missing) recorded. */
    static void addTo(MdaSummary.Builder b, JsonNode summary) {
        if (summary.hasNonNull("channelGroup")) {
            b.channelGroup(summary.get("channelGroup").asText());
        }
        if (summary.hasNonNull("startTime")) {
            b.startDate(summary.get("startTime").asText());
        }
        if (summary.hasNonNull("directory")) {
            b.directory(summary.get("directory").asText());
        }
        JsonNode affine = summary.path("pixelSizeAffine");
        if (affine.isArray() && affine.size() == 6) {
            double[] values = new double[6];
            for (int i = 0; i < 6; i++) {
                values[i] = affine.get(i).asDouble();
            }
            b.pixelSizeAffine(values);
        }
        for (Iterator<Map.Entry<String, JsonNode>> entries = summary.path("userData").fields(); entries.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = entries.next();
            b.userData(entry.getKey(), entry.getValue().asText());
        }
    }
}
