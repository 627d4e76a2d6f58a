package org.zarrscope.convert;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens a saved dataset as the kind of source its files say it is: NDTiff when it holds an NDTiff
 * index, Micro-Manager OME-TIFF when it is, or holds, {@code .ome.tif} files, Micro-Manager's
 * "separate image files" when it, or its position folders, hold a {@code metadata.txt}. Apart from
 * {@link ConvertibleSource} so that the interface does not depend on its implementations.
 */
public final class Sources {
    private Sources() {
    }

    /**
     * Opens an NDTiff dataset (a folder holding {@code NDTiff.index}, or its parent of {@code Full
     * resolution}) or a Micro-Manager OME-TIFF dataset (a folder of {@code *_MMStack*.ome.tif}, or
     * one such file: its whole dataset) or a Micro-Manager "separate image files" dataset (a folder
     * of position folders, or of TIFFs, with their {@code metadata.txt}).
     *
     * @throws IOException              if it is neither, or cannot be opened
     * @throws IllegalArgumentException if its metadata cannot be mapped
     */
    public static ConvertibleSource open(Path source) throws IOException {
        if (!Files.exists(source)) {
            throw new IOException(source + " does not exist");
        }
        if (NdTiffSource.isNdTiff(source)) {
            return NdTiffSource.open(source);
        }
        if (OmeTiffSource.isOmeTiff(source)) {
            return OmeTiffSource.open(source);
        }
        if (SinglePlaneTiffSource.isSinglePlaneTiff(source)) {
            return SinglePlaneTiffSource.open(source);
        }
        throw new IOException(source + " is not an NDTiff dataset (a folder holding " + NdTiffIndex.FILE_NAME
                + "), a Micro-Manager OME-TIFF dataset (a folder of *_MMStack*.ome.tif files, or one of them) nor a "
                + "Micro-Manager \"separate image files\" dataset (a folder whose position folders, or itself, hold "
                + SinglePlaneTiffSource.METADATA + ")");
    }
}
