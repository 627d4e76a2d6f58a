package org.zarrscope.ngff;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.zarrscope.WriterSettings;
import org.zarrscope.zarr.ZarrJson;
import org.zarrscope.zarr.ZarrLayout;

/**
 * Where each stage position's image lives in the dataset, and the groups that hold them:
 * <ul>
 *   <li>one position: the image is the dataset root (and {@code OME/} a plain group holding
 *       {@code METADATA.ome.xml});</li>
 *   <li>several positions: a {@code bioformats2raw.layout} root with images {@code 0/}, {@code 1/},
 *       … and an {@code OME/} group listing them as {@code series} (beside {@code METADATA.ome.xml});</li>
 *   <li>positions that are HCS sites ({@link PlateLayout}): an OME-NGFF plate, images at
 *       {@code <row>/<column>/<field>/}.</li>
 * </ul>
 */
public final class ImageCollection {
    /** The OME group of a {@code bioformats2raw.layout} dataset. */
    public static final String OME_GROUP = "OME";
    /** The {@code bioformats2raw.layout} version written. */
    public static final int BIOFORMATS2RAW_LAYOUT = 3;

    private final WriterSettings settings;
    private final PlateLayout plate;

    public ImageCollection(WriterSettings settings) {
        this.settings = settings;
        this.plate = settings.plate();
    }

    /** Whether the dataset root is the single image itself rather than a collection of images. */
    public boolean rootIsImage() {
        return plate == null && settings.positionCount() == 1;
    }

    /** The image group of a stage position: {@code ""} (the root), {@code "3"} or {@code "B/3/0"}. */
    public String imagePath(int position) {
        if (plate != null) {
            return plate.imagePath(position);
        }
        return rootIsImage() ? "" : String.valueOf(position);
    }

    /**
     * Writes the groups above the images: the root (with Zarrscope's status) and, for a
     * collection, the plate's row and well groups; and the OME group.
     */
    public void writeGroups(ZarrLayout layout, ObjectNode zarrscope) throws IOException {
        if (rootIsImage()) {
            // the image group is the root, written with the image. OME/ holds METADATA.ome.xml but
            // no series: without bioformats2raw.layout it is no OME-NGFF group, yet still a group
            // so that readers walking the hierarchy find no stray folder
            ObjectNode holds = ZarrJson.MAPPER.createObjectNode();
            holds.put("description", "METADATA.ome.xml: the run in OME-XML, written when the run ends");
            layout.writeGroup(OME_GROUP, null, holds);
            return;
        }
        ObjectNode root = ZarrJson.MAPPER.createObjectNode();
        root.put("bioformats2raw.layout", BIOFORMATS2RAW_LAYOUT);
        if (plate != null) {
            root.set("plate", plateAttributes());
        }
        layout.writeGroup("", root, zarrscope);
        // series in position order, as the images of OME/METADATA.ome.xml; also for a plate, for
        // readers that know bioformats2raw.layout but not plates
        ObjectNode ome = ZarrJson.MAPPER.createObjectNode();
        ArrayNode series = ome.putArray("series");
        for (int position = 0; position < settings.positionCount(); position++) {
            series.add(imagePath(position));
        }
        layout.writeGroup(OME_GROUP, ome, null);
        if (plate != null) {
            writePlateGroups(layout);
        }
    }

    private ObjectNode plateAttributes() {
        ObjectNode attributes = ZarrJson.MAPPER.createObjectNode();
        attributes.put("name", settings.datasetName());
        ArrayNode rows = attributes.putArray("rows");
        plate.rows().forEach(row -> rows.addObject().put("name", row));
        ArrayNode columns = attributes.putArray("columns");
        plate.columns().forEach(column -> columns.addObject().put("name", column));
        ArrayNode wells = attributes.putArray("wells");
        for (PlateLayout.Well well : plate.wells()) {
            wells.addObject().put("path", well.path()).put("rowIndex", well.rowIndex())
                    .put("columnIndex", well.columnIndex());
        }
        attributes.put("field_count", plate.maxFieldsPerWell());
        return attributes;
    }

    private void writePlateGroups(ZarrLayout layout) throws IOException {
        ObjectNode empty = ZarrJson.MAPPER.createObjectNode();
        for (String row : plate.rows()) {
            if (plate.wells().stream().anyMatch(well -> well.row().equals(row))) {
                layout.writeGroup(row, empty, null);
            }
        }
        for (PlateLayout.Well well : plate.wells()) {
            ObjectNode attributes = ZarrJson.MAPPER.createObjectNode();
            ArrayNode images = attributes.putObject("well").putArray("images");
            for (int field = 0; field < well.positions().size(); field++) {
                images.addObject().put("path", String.valueOf(field));
            }
            layout.writeGroup(well.path(), attributes, null);
        }
    }
}
