package org.zarrscope.convert;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;
import mmcorej.TaggedImage;
import org.zarrscope.AcquisitionWriter;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.FrameMetadata;
import org.zarrscope.WriterSettings;
import org.zarrscope.micromanager.mda.MdaJson;

/**
 * Hands every image of a {@link ConvertibleSource} (NDTiff, mmstudio's OME-TIFF or separate image
 * files) to a writer, in the writer's acquisition order (so its memory plan holds whatever order the run was
 * acquired in), with its tags mapped as the live routes map Micro-Manager's JSON.
 * Reading runs on the caller's thread while the writer's own threads compress and store. Each
 * image, in a buffer the source reuses, is copied once, into the writer's ring, and no array is
 * made per image. Images the source lacks are skipped and listed.
 */
public final class Conversion {
    private Conversion() {
    }

    /**
     * Writes the images present; returns the coordinates of those the dataset's shape has a place
     * for but the source does not hold (never acquired, or cut off), in acquisition order.
     *
     * @param progress told the number of frames handed over so far, after each
     * @throws IOException if an image the source holds cannot be read
     */
    public static List<FrameCoordinates> run(ConvertibleSource source, AcquisitionWriter writer, LongConsumer progress)
            throws IOException {
        WriterSettings settings = writer.settings();
        List<FrameCoordinates> order = new ArrayList<>();
        settings.order().forEachFrame(settings.positionCount(), settings.timePoints(), settings.channels(),
                settings.zSlices(), order::add);
        Set<FrameCoordinates> held = source.frames();
        List<FrameCoordinates> missing = new ArrayList<>();
        long handedOver = 0;
        for (FrameCoordinates frame : order) {
            if (!held.contains(frame)) {
                missing.add(frame);
                continue;
            }
            TaggedImage image = source.read(frame);
            FrameMetadata metadata = MdaJson.frameMetadata(image.tags).toFrameMetadata();
            writer.write(frame, (ByteBuffer) image.pix, metadata);
            progress.accept(++handedOver);
        }
        return missing;
    }
}
