package org.zarrscope.zarr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.zarrscope.metadata.FrameMetadataTable;
import org.zarrscope.metadata.FrameTableReader;
import org.zarrscope.store.FileSystemStore;

/**
 * What a user wants to know first about a dataset on disk: format, status, axes and physical
 * scales, each array's shape, chunks, shards, codec, files and compression ratio, and the frames
 * recorded with their time range. Reads only metadata and file sizes, never pixels.
 */
public final class DatasetInfo {
    private DatasetInfo() {
    }

    /** A human-readable description of the dataset in {@code root}, one fact per line. */
    public static List<String> describe(Path root) throws IOException {
        List<String> lines = new ArrayList<>();
        List<String> images = OmeZarrGroup.imagePaths(root);
        OmeZarrGroup group = OmeZarrGroup.read(root, "");
        lines.add(String.format("dataset: %s (Zarr v%d, OME-NGFF %s, status %s)", root, group.v3() ? 3 : 2,
                group.version(), group.zarrscope().path("status").asText("unknown")));
        if (group.ome().has("plate")) {
            JsonNode plate = group.ome().get("plate");
            lines.add(String.format("plate: %s, %d rows x %d columns, %d wells, up to %d fields per well",
                    plate.path("name").asText("(unnamed)"), plate.path("rows").size(), plate.path("columns").size(),
                    plate.path("wells").size(), plate.path("field_count").asInt()));
        } else if (images.size() > 1 || !images.get(0).isEmpty()) {
            lines.add("positions: " + images.size() + " images (bioformats2raw.layout)");
        }
        for (String image : images) {
            describeImage(root, image, lines);
        }
        lines.add(frames(root));
        return lines;
    }

    private static void describeImage(Path root, String image, List<String> lines) throws IOException {
        OmeZarrGroup group = OmeZarrGroup.read(root, image);
        JsonNode multiscale = group == null ? null : group.ome().path("multiscales").path(0);
        if (multiscale == null || multiscale.isMissingNode()) {
            lines.add("image " + (image.isEmpty() ? "(root)" : image) + ": missing (not written yet?)");
            return;
        }
        lines.add("image " + (image.isEmpty() ? "" : image + " ") + multiscale.path("name").asText("(unnamed)")
                + ": axes " + axes(multiscale.path("axes")));
        JsonNode channels = group.ome().path("omero").path("channels");
        if (channels.size() > 0) {
            StringBuilder text = new StringBuilder("channels:");
            for (JsonNode channel : channels) {
                text.append(String.format(Locale.ROOT, " %s (#%s, window %s-%s)", channel.path("label").asText(),
                        channel.path("color").asText(), channel.path("window").path("start").asText("?"),
                        channel.path("window").path("end").asText("?")));
            }
            lines.add(text.toString());
        }
        for (JsonNode dataset : multiscale.path("datasets")) {
            String path = ZarrLayout.join(image, dataset.path("path").asText());
            lines.add(describeArray(root, path, group.v3(), dataset.path("coordinateTransformations").path(0).path("scale")));
        }
    }

    private static String axes(JsonNode axes) {
        StringBuilder text = new StringBuilder();
        for (JsonNode axis : axes) {
            text.append(text.length() == 0 ? "" : ", ").append(axis.path("name").asText());
            if (axis.has("unit")) {
                text.append(" (").append(axis.path("unit").asText()).append(')');
            }
        }
        return text.toString();
    }

    private static String describeArray(Path root, String path, boolean v3, JsonNode scale) throws IOException {
        ZarrReader reader = ZarrReader.open(new FileSystemStore(root), path);
        ObjectNode array = read(root.resolve(path).resolve(v3 ? "zarr.json" : ".zarray"));
        String codec;
        String shards = "";
        if (v3) {
            JsonNode codecs = array.path("codecs");
            if ("sharding_indexed".equals(codecs.path(0).path("name").asText())) {
                shards = " in shards " + array.path("chunk_grid").path("configuration").path("chunk_shape");
                codecs = codecs.path(0).path("configuration").path("codecs");
            }
            codec = codecs.size() > 1 ? codecs.get(codecs.size() - 1).toString() : "none";
        } else {
            codec = array.path("compressor").isNull() ? "none" : array.path("compressor").toString();
        }
        long rawBytes = reader.bytesPerSample();
        for (int size : reader.shape()) {
            rawBytes *= size;
        }
        long storedBytes = 0;
        long files = 0;
        try (Stream<Path> walk = Files.walk(root.resolve(path))) {
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                String name = file.getFileName().toString();
                if (!name.equals("zarr.json") && !name.startsWith(".")) {
                    storedBytes += Files.size(file);
                    files++;
                }
            }
        }
        return String.format(Locale.ROOT, "array %s: shape %s %s, scale %s, chunks %s%s, codec %s; %d files, %.1f MB "
                        + "stored of %.1f MB (ratio %.2f)", path, Arrays.toString(reader.shape()), reader.dtype(),
                scale, Arrays.toString(reader.chunks()), shards, codec, files, storedBytes / 1e6, rawBytes / 1e6,
                storedBytes == 0 ? 0.0 : (double) rawBytes / storedBytes);
    }

    private static String frames(Path root) throws IOException {
        FileSystemStore store = new FileSystemStore(root);
        if (store.get(FrameMetadataTable.segmentKey(0)) == null) {
            return "frames: no per-frame metadata";
        }
        long[] count = {0};
        double[] range = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        FrameTableReader.visit(store, record -> {
            count[0]++;
            Double elapsed = record.metadata().elapsedMs();
            if (elapsed != null) {
                range[0] = Math.min(range[0], elapsed);
                range[1] = Math.max(range[1], elapsed);
            }
            return true;
        });
        return range[0] <= range[1]
                ? String.format(Locale.ROOT, "frames: %d recorded, elapsed %.1f to %.1f ms", count[0], range[0], range[1])
                : String.format(Locale.ROOT, "frames: %d recorded, no timestamps", count[0]);
    }

    private static ObjectNode read(Path file) throws IOException {
        return OmeZarrGroup.json(file);
    }
}
