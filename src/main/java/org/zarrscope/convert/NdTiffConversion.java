package org.zarrscope.convert;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import mmcorej.TaggedImage;
import org.zarrscope.AcquisitionWriter;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.WriterSettings;
import org.zarrscope.micromanager.mda.MdaJson;

/**
 * Hands every image of an {@link NdTiffSource} to a writer, in the writer's acquisition order (so
 * its memory plan holds whatever order the run was acquired in), with its tags mapped as the live
 * AcqEngJ route maps them. Reading runs on the caller's thread while the writer's own threads
 * compress and store: {@code handOver} keeps NDTiffStorage's fresh array by reference, so each image
 * is read once and copied by nobody. Images the source lacks are skipped and listed.
 */
public final class NdTiffConversion {
    private NdTiffConversion() {
    }

    /**
     * Writes the images present; returns the coordinates of those the dataset's shape has a place
     * for but the source does not hold (never acquired, or cut off), in acquisition order.
     *
     * @param progress told the number of frames handed over so far, after each
     */
    public static List<FrameCoordinates> run(NdTiffSource source, AcquisitionWriter writer, LongConsumer progress) {
        WriterSettings settings = writer.settings();
        Map<FrameCoordinates, Map<String, Object>> images = source.images();
        List<FrameCoordinates> missing = new ArrayList<>();
        long[] handedOver = {0};
        settings.order().forEachFrame(settings.positionCount(), settings.timePoints(), settings.channels(),
                settings.zSlices(), frame -> {
                    Map<String, Object> axes = images.get(frame);
                    if (axes == null) {
                        missing.add(frame);
                        return;
                    }
                    TaggedImage image = source.read(axes);
                    writer.handOver(frame, image.pix, MdaJson.frameMetadata(image.tags).toFrameMetadata());
                    progress.accept(++handedOver[0]);
                });
        return missing;
    }
}
