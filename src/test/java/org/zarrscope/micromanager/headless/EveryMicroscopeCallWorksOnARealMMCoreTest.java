package org.zarrscope.micromanager.headless;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.zarrscope.PixelType;
import org.zarrscope.testing.ExternalProcess;
import org.zarrscope.testing.RealMicroManager;

/**
 * Every {@link Microscope} call, made on the adapter that {@link MicroManagerInstallation} loads
 * beside a real installation's MMCoreJ (its own class loader, as {@code zarrscope acquire} uses it)
 * with the demo devices. A call that reaches anything the installation's loader may not reach, or a
 * MMCoreJ method the installation lacks, fails here rather than in a user's first acquisition.
 * Skipped without {@code -Dmm.home}.
 */
@ExternalProcess
class EveryMicroscopeCallWorksOnARealMMCoreTest {
    @Test
    void theDemoMicroscopeAnswersEveryCall() throws Exception {
        MicroManagerInstallation installation = MicroManagerInstallation.at(RealMicroManager.home());
        Set<String> called = new TreeSet<>();
        try (Microscope scope = installation.connect(RealMicroManager.demoConfig(), false)) {
            assertNotSame(Microscope.class.getClassLoader(), scope.getClass().getClassLoader(),
                    "the adapter is loaded beside the installation's MMCoreJ");

            CameraFormat format = scope.cameraFormat();
            assertEquals(1024, format.width());
            assertEquals(1024, format.height());
            assertEquals(PixelType.UINT16, format.pixelType());
            assertEquals(1, format.cameraChannels());
            assertEquals("Camera", scope.cameraName());
            assertEquals(10.0, scope.exposureMs());
            assertEquals(0.65, scope.pixelSizeUm());
            assertNull(scope.pixelSizeAffine(), "the demo configuration calibrates no affine transform");
            assertEquals("Z", scope.focusDevice());
            assertEquals("XY", scope.xyStageDevice());
            assertFalse(scope.tagsFramesWithSystemState(), "this MMCoreJ can leave the device state out of frames");
            called.addAll(Arrays.asList("cameraFormat", "cameraName", "exposureMs", "pixelSizeUm", "pixelSizeAffine",
                    "focusDevice", "xyStageDevice", "tagsFramesWithSystemState"));

            scope.applyPreset("Channel", "FITC");
            scope.moveStage("Z", 12.5);
            assertEquals(12.5, scope.stagePosition("Z"), 0.01);
            scope.moveXYStage("XY", 300, -200);
            assertArrayEquals(new double[] {300, -200}, scope.xyStagePosition("XY"), 0.01);
            scope.setRoi(0, 0, 128, 64);
            assertEquals(128, scope.cameraFormat().width());
            assertEquals(64, scope.cameraFormat().height());
            scope.setBufferMegabytes(300);
            assertEquals(300, scope.bufferMegabytes());
            called.addAll(Arrays.asList("applyPreset", "moveStage", "stagePosition", "moveXYStage", "xyStagePosition",
                    "setRoi", "setBufferMegabytes", "bufferMegabytes"));

            scope.start(3, 0);
            int received = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (received < 3 && System.nanoTime() < deadline) {
                if (scope.framesWaiting() > 0) {
                    SequenceFrame frame = scope.nextFrame();
                    assertEquals(128 * 64, ((short[]) frame.pixels()).length);
                    assertEquals("FITC", frame.tags().get("Channel"), "the preset applied is in the frame's tags");
                    received++;
                } else {
                    Thread.sleep(5);
                }
            }
            assertEquals(3, received, "frames of a 3-frame sequence");
            assertFalse(scope.overflowed());
            if (scope.isRunning()) {
                scope.stop();
            }
            called.addAll(Arrays.asList("start", "framesWaiting", "nextFrame", "overflowed", "isRunning", "stop"));
        }
        called.add("close");

        Set<String> declared = new TreeSet<>();
        for (Class<?> type : Arrays.asList(Microscope.class, SequenceSource.class)) {
            for (Method method : type.getDeclaredMethods()) {
                declared.add(method.getName());
            }
        }
        assertEquals(declared, called, "every call of the interface is made");
    }

    @Test
    void aSecondConnectionInTheSameJvmFindsMMCoreLoaded() throws Exception {
        MicroManagerInstallation installation = MicroManagerInstallation.at(RealMicroManager.home());
        for (int run = 0; run < 2; run++) {
            try (Microscope scope = installation.connect(RealMicroManager.demoConfig(), false)) {
                assertTrue(scope.cameraFormat().width() > 0, "connection " + (run + 1));
            }
        }
    }
}
