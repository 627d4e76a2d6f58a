package org.zarrscope;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.zarrscope.contrast.ContrastWindow;
import org.zarrscope.metadata.FrameMetadataTable;
import org.zarrscope.metadata.FrameTableReader;
import org.zarrscope.metadata.ZarrscopeAttributes;
import org.zarrscope.metadata.ZarrscopeGroups;
import org.zarrscope.ngff.ImageCollection;
import org.zarrscope.ngff.NgffImageMetadata;
import org.zarrscope.ngff.OmeroMetadata;
import org.zarrscope.ome.OmeXmlDocument;
import org.zarrscope.store.Store;
import org.zarrscope.zarr.ZarrArray;
import org.zarrscope.zarr.ZarrJson;
import org.zarrscope.zarr.ZarrLayout;

/**
 * The metadata documents of a dataset being written: the groups with their OME-NGFF
 * {@code multiscales} and {@code omero} and Zarrscope's status, the full-resolution arrays'
 * documents, and the OME-XML. Written when the writer opens, so a run that never finishes is
 * readable, again as the time axis grows or the run ends.
 */
final class DatasetMetadata {
    private final WriterSettings settings;
    private final Store store;
    private final ZarrLayout layout;
    private final ImageCollection images;
    private final List<ZarrArray> fullResolution;
    /** The wall clock at open: the run's start in OME-XML when the settings' summary gives none. */
    private final Instant openedAt = Instant.now();

    /** @param fullResolution the full-resolution array of each stage position */
    DatasetMetadata(WriterSettings settings, Store store, ZarrLayout layout, ImageCollection images,
                    List<ZarrArray> fullResolution) {
        this.settings = settings;
        this.store = store;
        this.layout = layout;
        this.images = images;
        this.fullResolution = fullResolution;
    }

    /**
     * Everything a reader needs before the first chunk: the groups (status {@code acquiring},
     * full resolution only), the arrays, and the planned images' OME-XML, so a reader of a run
     * that never finishes still finds it and the OME model's costly first use is not paid while
     * frames arrive.
     */
    void writeAtOpen() throws IOException {
        int timePoints = settings.isTimeUnbounded() ? 0 : settings.timePoints();
        ZarrscopeGroups.write(layout, FrameMetadataTable.DEFAULT_SEGMENT_ROWS);
        write(timePoints, "acquiring", null, 1);
        OmeXmlDocument.write(store, settings, timePoints, Collections.emptyList(), openedAt);
    }

    /**
     * The groups and full-resolution arrays.
     *
     * @param windows        the contrast windows of the stored channels, or {@code null} while no
     *                       data is known (the windows then span the pixel type)
     * @param declaredLevels resolution levels in {@code multiscales}: 1 until the pyramid is complete
     */
    void write(int timePoints, String status, List<ContrastWindow> windows, int declaredLevels) throws IOException {
        images.writeGroups(layout, ZarrscopeAttributes.root(settings, status));
        ObjectNode omero = OmeroMetadata.of(settings, windows);
        for (int position = 0; position < settings.positionCount(); position++) {
            ObjectNode ome = ZarrJson.MAPPER.createObjectNode();
            ome.putArray("multiscales").add(NgffImageMetadata.multiscale(settings,
                    settings.positions().get(position).name(), declaredLevels));
            ome.set("omero", omero);
            // the array before the group whose multiscales names it: a writer killed between the two
            // must not leave a group that declares an array readers cannot find (docs/reliability.md)
            fullResolution.get(position).writeArray(timePoints);
            layout.writeGroup(images.imagePath(position), ome, ZarrscopeAttributes.image(settings, position, status));
        }
    }

    /** The full-resolution arrays alone, as an unbounded time axis grows. */
    void writeArrays(int timePoints) throws IOException {
        for (ZarrArray array : fullResolution) {
            array.writeArray(timePoints);
        }
    }

    /** The OME-XML with the planes of every frame in the saved frame table. */
    void writeOmeXml(int timePoints) throws IOException {
        OmeXmlDocument.write(store, settings, timePoints, FrameTableReader.read(store, OmeXmlDocument.MAX_MIRRORED_FRAMES),
                openedAt);
    }
}
