package org.zarrscope.zarr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.zarrscope.store.Store;

/**
 * A group of an OME-Zarr dataset on disk, whichever the format: its OME-NGFF keys (under
 * {@code attributes.ome} in Zarr v3, the attributes themselves in v2) and Zarrscope's. Also finds
 * the images of a dataset: the root itself, the series of a {@code bioformats2raw.layout} root, or
 * the fields of a plate.
 */
public final class OmeZarrGroup {
    private final boolean v3;
    private final JsonNode ome;
    private final JsonNode zarrscope;

    private OmeZarrGroup(boolean v3, JsonNode ome, JsonNode zarrscope) {
        this.v3 = v3;
        this.ome = ome;
        this.zarrscope = zarrscope;
    }

    /** The group at {@code path} ({@code ""} for the root) of the dataset in {@code store}, or {@code null} if there is none. */
    public static OmeZarrGroup read(Store store, String path) throws IOException {
        ObjectNode v3 = ZarrJson.read(store, ZarrLayout.join(path, "zarr.json"));
        if (v3 != null) {
            JsonNode attributes = v3.path("attributes");
            return new OmeZarrGroup(true, attributes.path("ome"), attributes.path("zarrscope"));
        }
        ObjectNode attributes = ZarrJson.read(store, ZarrLayout.join(path, ".zattrs"));
        if (attributes == null) {
            return ZarrJson.read(store, ZarrLayout.join(path, ".zgroup")) != null ? new OmeZarrGroup(false,
                    ZarrJson.MAPPER.createObjectNode(), ZarrJson.MAPPER.createObjectNode()) : null;
        }
        return new OmeZarrGroup(false, attributes, attributes.path("zarrscope"));
    }

    /**
     * The image groups of the dataset in {@code store}, in order: {@code ""} when the root is the
     * image, the series {@code 0}, {@code 1}, … of a {@code bioformats2raw.layout}, or a plate's
     * fields {@code <row>/<column>/<field>}.
     *
     * @throws IOException if the root is no OME-Zarr group or holds no image
     */
    public static List<String> imagePaths(Store store) throws IOException {
        String dataset = store.describe();
        OmeZarrGroup group = read(store, "");
        if (group == null) {
            throw new IOException(dataset + " is not an OME-Zarr dataset (no zarr.json or .zgroup/.zattrs)");
        }
        List<String> images = new ArrayList<>();
        if (group.ome.has("multiscales")) {
            images.add("");
        } else if (group.ome.has("plate")) {
            for (JsonNode well : group.ome.get("plate").path("wells")) {
                OmeZarrGroup wellGroup = read(store, well.path("path").asText());
                for (JsonNode field : wellGroup == null ? ZarrJson.MAPPER.createArrayNode()
                        : wellGroup.ome.path("well").path("images")) {
                    images.add(well.path("path").asText() + "/" + field.path("path").asText());
                }
            }
        } else {
            OmeZarrGroup ome = read(store, "OME");
            for (JsonNode series : ome == null ? ZarrJson.MAPPER.createArrayNode() : ome.ome.path("series")) {
                images.add(series.asText());
            }
        }
        if (images.isEmpty()) {
            throw new IOException(dataset + " holds no OME-NGFF image, plate or bioformats2raw.layout series");
        }
        return images;
    }

    /** Whether the group is Zarr v3 (else v2). */
    public boolean v3() { return v3; }

    /** The OME-NGFF keys, e.g. {@code multiscales}, {@code omero}, {@code plate}. */
    public JsonNode ome() { return ome; }

    /** Zarrscope's keys ({@code status}, {@code frameMetadata}); missing for other writers' datasets. */
    public JsonNode zarrscope() { return zarrscope; }

    /** OME-NGFF's version: beside the keys in 0.5, inside the multiscales or plate in 0.4. */
    public String version() {
        if (v3) {
            return ome.path("version").asText("?");
        }
        JsonNode versioned = ome.has("plate") ? ome.get("plate") : ome.path("multiscales").path(0);
        return versioned.path("version").asText(ome.has("bioformats2raw.layout") ? "0.4" : "?");
    }
}
