package org.zarrscope.convert;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import mmcorej.org.json.JSONObject;
import org.zarrscope.StagePosition;
import org.zarrscope.micromanager.mda.MdaFrameMetadata;
import org.zarrscope.micromanager.mda.MdaJson;

/**
 * The positions of a source whose summary lists none, from the tags of each position's first
 * image ({@code PositionName}, {@code XPosition_um}, …, read by {@link MdaJson}), as both the NDTiff
 * and the OME-TIFF conversions take them: so HCS site names such as {@code A1-Site_0} make a plate.
 */
final class FirstImagePositions {
    /** The tags of one image of a source. */
    @FunctionalInterface
    interface Tags<T> {
        JSONObject of(T image) throws IOException;
    }

    private FirstImagePositions() {
    }

    /**
     * Each position's name and stage coordinates, when every position from 0 on has an image that
     * names it; otherwise none (Micro-Manager's {@code Pos<p>} labels then apply).
     *
     * @param firstAtPosition each position's first image, by position index
     */
    static <T> List<StagePosition> of(SortedMap<Integer, T> firstAtPosition, Tags<T> tags) throws IOException {
        List<StagePosition> positions = new ArrayList<>();
        int expected = 0;
        for (Map.Entry<Integer, T> position : firstAtPosition.entrySet()) {
            if (position.getKey() != expected) {
                return new ArrayList<>();
            }
            MdaFrameMetadata metadata = MdaJson.frameMetadata(tags.of(position.getValue()));
            if (metadata.positionName() == null || metadata.positionName().trim().isEmpty()) {
                return new ArrayList<>();
            }
            positions.add(new StagePosition(metadata.positionName(), metadata.xUm(), metadata.yUm(), metadata.zUm()));
            expected++;
        }
        return positions;
    }
}
