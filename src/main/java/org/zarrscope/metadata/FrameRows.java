package org.zarrscope.metadata;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.FrameMetadata;

/**
 * One frame-table row as a JSON object, the one format both a segment's {@code frames} array
 * and a journal line hold: {@code p, t, c, z}, then only the fields that were recorded.
 */
final class FrameRows {
    private FrameRows() {
    }

    static void write(JsonGenerator json, FrameCoordinates frame, FrameMetadata values) throws IOException {
        json.writeStartObject();
        json.writeNumberField("p", frame.position());
        json.writeNumberField("t", frame.time());
        json.writeNumberField("c", frame.channel());
        json.writeNumberField("z", frame.z());
        writeIfRecorded(json, "elapsedMs", values.elapsedMs());
        writeIfRecorded(json, "exposureMs", values.exposureMs());
        writeIfRecorded(json, "stageXUm", values.stageXUm());
        writeIfRecorded(json, "stageYUm", values.stageYUm());
        writeIfRecorded(json, "stageZUm", values.stageZUm());
        if (values.camera() != null) {
            json.writeStringField("camera", values.camera());
        }
        if (!values.extra().isEmpty()) {
            json.writeObjectFieldStart("extra");
            for (Map.Entry<String, String> entry : values.extra().entrySet()) {
                json.writeStringField(entry.getKey(), entry.getValue());
            }
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    private static void writeIfRecorded(JsonGenerator json, String field, Double value) throws IOException {
        if (value != null) {
            json.writeNumberField(field, value);
        }
    }

    /** @param where the document or journal line, for the error of a row without its coordinates */
    static FrameRecord read(JsonNode row, String where) throws IOException {
        for (String axis : new String[] {"p", "t", "c", "z"}) {
            if (!row.path(axis).canConvertToInt()) {
                throw new IOException(where + ": a row has no integer \"" + axis + "\": " + row);
            }
        }
        FrameCoordinates frame = FrameCoordinates.at(row.get("p").asInt(), row.get("t").asInt(), row.get("c").asInt(),
                row.get("z").asInt());
        return new FrameRecord(frame, metadata(row));
    }

    private static FrameMetadata metadata(JsonNode row) {
        FrameMetadata.Builder metadata = FrameMetadata.builder();
        if (row.has("elapsedMs")) {
            metadata.elapsedMs(row.get("elapsedMs").asDouble());
        }
        if (row.has("exposureMs")) {
            metadata.exposureMs(row.get("exposureMs").asDouble());
        }
        // each axis on its own: tables written before 2026-12 hold all three or none, later ones the known ones
        metadata.stageXUm(number(row, "stageXUm")).stageYUm(number(row, "stageYUm")).stageZUm(number(row, "stageZUm"));
        if (row.has("camera")) {
            metadata.camera(row.get("camera").asText());
        }
        for (Iterator<Map.Entry<String, JsonNode>> extra = row.path("extra").fields(); extra.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = extra.next();
            metadata.extra(entry.getKey(), entry.getValue().asText());
        }
        return metadata.build();
    }

    private static Double number(JsonNode row, String field) {
        return row.has(field) ? row.get(field).asDouble() : null;
    }
}
