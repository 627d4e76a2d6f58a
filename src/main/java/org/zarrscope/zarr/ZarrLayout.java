package org.zarrscope.zarr;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * What differs between the Zarr formats a dataset can be written in: the group documents (and
 * where OME-NGFF puts its version), the array documents, chunk key encoding, and where encoded
 * chunks go (files or shards). The chunk assembler, the codecs and the store are shared by all
 * of them.
 */
public interface ZarrLayout {
    /**
     * Writes the group at {@code groupPath} ({@code ""} is the dataset root).
     *
     * @param ome       OME-NGFF keys ({@code multiscales}, {@code omero}, {@code plate}, {@code well},
     *                  {@code bioformats2raw.layout}, {@code series}) without any {@code version}:
     *                  each format puts the version where its OME-NGFF release asks; {@code null}
     *                  for a group that is no part of OME-NGFF (Zarrscope's own folders), which
     *                  then claims no OME-NGFF version
     * @param zarrscope Zarrscope's own keys, or {@code null}
     */
    void writeGroup(String groupPath, ObjectNode ome, ObjectNode zarrscope) throws IOException;

    /** The array at {@code arrayPath} laid out as {@code layout} (its shape, chunks and shards). */
    ZarrArray array(ArrayLayout layout, String arrayPath);

    /** Joins store keys; an empty parent is the root. */
    static String join(String parent, String child) {
        return parent.isEmpty() ? child : parent + "/" + child;
    }
}
