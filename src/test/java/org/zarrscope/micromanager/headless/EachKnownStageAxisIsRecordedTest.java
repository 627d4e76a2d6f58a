package org.zarrscope.micromanager.headless;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zarrscope.FrameMetadata;

/**
 * A headless acquisition records each stage axis it knows with every frame: a focus position
 * without an XY stage is a stage position, and so is an XY position without a focus drive.
 */
class EachKnownStageAxisIsRecordedTest {
    @Test
    void aFocusPositionWithoutXyIsAStagePositionAndSoIsXyWithoutFocus() {
        FrameMetadata focusOnly = CoreFrameMetadata.of(Map.of(), 10, 0, 0, null, 2.5);
        assertEquals(Arrays.asList(null, null, 2.5),
                Arrays.asList(focusOnly.stageXUm(), focusOnly.stageYUm(), focusOnly.stageZUm()));
        FrameMetadata xyOnly = CoreFrameMetadata.of(Map.of(), 10, 0, 0, new double[] {100.5, -20.25}, null);
        assertEquals(Arrays.asList(100.5, -20.25, null), Arrays.asList(xyOnly.stageXUm(), xyOnly.stageYUm(),
                xyOnly.stageZUm()));
        assertEquals(Map.of(), xyOnly.extra());
    }
}
