package org.zarrscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code zarrscope info}'s report: the facts of {@link org.zarrscope.dataset.DatasetInfo} as aligned
 * {@code label  value} lines, sizes and times in human units, the codec in words. Every figure
 * comes from the facts as {@code --json} prints them, so the two never disagree.
 */
final class InfoReport {
    /** Width of the label column, indentation included: the values start in one column. */
    private static final int LABEL_WIDTH = 13;

    private final List<String> lines = new ArrayList<>();

    private InfoReport() {
    }

    static List<String> of(JsonNode info) {
        InfoReport report = new InfoReport();
        report.dataset(info);
        return report.lines;
    }

    private void dataset(JsonNode info) {
        line(0, "dataset", info.path("path").asText());
        line(0, "format", "Zarr v" + info.path("zarr_format").asInt() + ", OME-NGFF " + info.path("ome_ngff").asText());
        line(0, "status", info.path("status").asText());
        JsonNode plate = info.path("plate");
        if (!plate.isMissingNode()) {
            line(0, "plate", String.format(Locale.ROOT, "%s: %d rows x %d columns, %d wells, up to %d fields per well",
                    plate.path("name").asText(), plate.path("rows").asInt(), plate.path("columns").asInt(),
                    plate.path("wells").asInt(), plate.path("fields_per_well").asInt()));
        } else if (info.path("layout").asText().equals("bioformats2raw.layout")) {
            line(0, "positions", info.path("images").size() + " images (bioformats2raw.layout)");
        }
        line(0, "frames", frames(info.path("frames")));
        for (JsonNode image : info.path("images")) {
            image(image);
        }
    }

    private static String frames(JsonNode frames) {
        if (frames.isNull()) {
            return "no per-frame metadata";
        }
        String recorded = frames.path("recorded").asLong() + " recorded";
        if (!frames.has("first_elapsed_ms")) {
            return recorded + ", no timestamps";
        }
        double first = frames.path("first_elapsed_ms").asDouble();
        double last = frames.path("last_elapsed_ms").asDouble();
        return String.format(Locale.ROOT, "%s over %s (elapsed %.1f to %.1f ms)", recorded,
                HumanUnits.duration((last - first) / 1000), first, last);
    }

    private void image(JsonNode image) {
        String path = image.path("path").asText();
        if (image.path("missing").asBoolean()) {
            line(0, "image", (path.isEmpty() ? "(root)" : path) + ": missing (not written yet?)");
            return;
        }
        line(0, "image", image.path("name").asText() + (path.isEmpty() ? "" : " (" + path + ")"));
        List<String> axes = new ArrayList<>();
        for (JsonNode axis : image.path("axes")) {
            axes.add(axis.path("name").asText() + (axis.has("unit") ? " (" + axis.path("unit").asText() + ")" : ""));
        }
        line(1, "axes", String.join(", ", axes));
        String label = "channels";
        for (JsonNode channel : image.path("channels")) {
            line(1, label, String.format(Locale.ROOT, "%s, #%s, window %s to %s", channel.path("label").asText(),
                    channel.path("color").asText(), channel.path("window").path("start").asText("?"),
                    channel.path("window").path("end").asText("?")));
            label = "";
        }
        for (JsonNode array : image.path("arrays")) {
            array(array);
        }
    }

    private void array(JsonNode array) {
        line(1, "array", array.path("path").asText());
        line(2, "shape", extents(array.path("shape")) + " " + array.path("dtype").asText() + ", "
                + HumanUnits.bytes(array.path("declared_bytes").asLong()));
        if (array.path("scale").size() > 0) {
            line(2, "scale", extents(array.path("scale")));
        }
        long chunkBytes = array.path("declared_bytes").asLong() / elements(array.path("shape"))
                * elements(array.path("chunks"));
        line(2, "chunks", extents(array.path("chunks")) + " (" + HumanUnits.bytes(chunkBytes) + ")"
                + (array.path("shards").isNull() ? "" : ", in shards of " + extents(array.path("shards"))));
        line(2, "codec", array.path("codec").path("description").asText());
        JsonNode ratio = array.path("compression_ratio");
        long files = array.path("files").asLong();
        line(2, "stored", String.format(Locale.ROOT, "%d of %d chunks in %d %s: %s holding %s of pixels%s",
                array.path("chunks_stored").asLong(), chunkCount(array.path("shape"), array.path("chunks")),
                files, files == 1 ? "file" : "files", HumanUnits.bytes(array.path("stored_bytes").asLong()),
                HumanUnits.bytes(array.path("pixel_bytes_stored").asLong()),
                ratio.isNull() ? "" : String.format(Locale.ROOT, " (ratio %.2f)", ratio.asDouble())));
    }

    /** {@code 20 x 2 x 4 x 256 x 256}; scales keep their decimals ({@code 2.0 x 1.0 x 1.0 x 0.65 x 0.65}). */
    private static String extents(JsonNode values) {
        List<String> parts = new ArrayList<>();
        for (JsonNode value : values) {
            parts.add(value.asText());
        }
        return String.join(" x ", parts);
    }

    private static long elements(JsonNode extents) {
        long product = 1;
        for (JsonNode extent : extents) {
            product *= extent.asLong();
        }
        return product;
    }

    /** Chunks of the whole declared shape, edge chunks included. */
    private static long chunkCount(JsonNode shape, JsonNode chunks) {
        long count = 1;
        for (int d = 0; d < shape.size(); d++) {
            long chunk = chunks.get(d).asLong();
            count *= (shape.get(d).asLong() + chunk - 1) / chunk;
        }
        return count;
    }

    private void line(int depth, String label, String value) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            text.append("  ");
        }
        text.append(label);
        while (text.length() < LABEL_WIDTH) {
            text.append(' ');
        }
        lines.add(text.append(value).toString());
    }
}
