package org.zarrscope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.zarrscope.micromanager.headless.ConfigFile;
import org.zarrscope.micromanager.headless.ConfigFileException;

/**
 * Every Micro-Manager configuration in {@code device-configs/} passes the configuration-file
 * check (known commands, field counts, devices loaded before use), and the check itself refuses
 * what MMCore refuses, naming the line.
 */
class DeviceConfigsAreValidTest {
    private static final Path FOLDER = Paths.get("device-configs");

    @Test
    void everyConfigurationInDeviceConfigsIsValid() throws IOException {
        List<Path> configs;
        try (Stream<Path> files = Files.list(FOLDER)) {
            configs = files.filter(f -> f.toString().endsWith(".cfg")).sorted().collect(Collectors.toList());
        }
        assertTrue(configs.size() >= 4, "the demo and three camera templates, found " + configs);
        for (Path config : configs) {
            ConfigFile file = ConfigFile.read(config);
            assertEquals("Camera", file.role("Camera"), config + " gives the camera role to the device 'Camera'");
            assertTrue(file.presets().containsKey("System"), config + " has start-up settings");
        }
    }

    @Test
    void theDemoConfigurationHasWhatTheDocsExamplesUse() throws IOException {
        ConfigFile demo = ConfigFile.read(FOLDER.resolve("MMConfig_demo.cfg"));
        assertEquals("Z", demo.role("Focus"));
        assertEquals("XY", demo.role("XYStage"));
        assertEquals(Arrays.asList("DAPI", "FITC", "Rhodamine", "Cy5"), demo.presets().get("Channel"));
        assertTrue(demo.devices().containsAll(Arrays.asList("Camera", "Z", "XY", "Dichroic", "Objective")));
    }

    @Test
    void aValidFileIsAccepted() throws ConfigFileException {
        ConfigFile file = ConfigFile.parse("ok.cfg", Arrays.asList(
                "# comment",
                "",
                "Property,Core,Initialize,0",
                "Device,Cam,DemoCamera,DCam",
                "Property,Core,Initialize,1",
                "Property,Core,Camera,Cam",
                "Property,Cam,TriggerDevice,",          // empty value: MMCore drops the empty field
                "ConfigGroup,Channel",                   // an empty group
                "ConfigGroup,Channel,A,Cam,Exposure,5",
                "ConfigGroup,Channel,A,Cam,Binning,1",
                "ConfigGroup,Channel,B,Cam,Exposure,",
                "ConfigGroup,System,Startup,Core,ChannelGroup,Channel",
                "ConfigPixelSize,Res1,Cam,Binning,1",
                "PixelSize_um,Res1,0.5",
                "PixelSizeAffine,Res1,1.0,0.0,0.0,0.0,1.0,0.0"));
        assertEquals(Arrays.asList("A", "B"), file.presets().get("Channel"));
        assertEquals("Cam", file.role("Camera"));
        assertFalse(file.presets().containsKey("Camera"));
    }

    @Test
    void mistakesAreReportedWithTheirLine() {
        String device = "Device,Cam,DemoCamera,DCam";
        assertRefused("line 1: unknown command 'Devise'", "Devise,Cam,DemoCamera,DCam");
        assertRefused("line 1: Device takes 4 comma-separated fields, this line has 3", "Device,Cam,DemoCamera");
        assertRefused("line 2: the device 'Z' is not loaded by an earlier Device line", device, "Property,Z,Position,1");
        assertRefused("line 1: the device 'Cam' is not loaded", "Property,Cam,Exposure,5", device);
        assertRefused("line 2: the device label 'Cam' is loaded twice", device, device);
        assertRefused("line 2: the device 'Wheel' is not loaded", device, "Label,Wheel,0,DAPI");
        assertRefused("line 2: the state 'one' is not a whole number", device, "Label,Cam,one,DAPI");
        assertRefused("line 2: ConfigGroup takes 2 or 5 or 6 comma-separated fields, this line has 4", device,
                "ConfigGroup,Channel,DAPI,Cam");
        assertRefused("line 2: the device 'Wheel' is not loaded", device, "ConfigGroup,Channel,DAPI,Wheel,Label,A");
        assertRefused("line 2: the device 'Stage' is not loaded", device, "Property,Core,Focus,Stage");
        assertRefused("line 2: the pixel size preset 'Res1' is not defined", device, "PixelSize_um,Res1,0.5");
        assertRefused("line 3: the PixelSize_um '0.5x' is not a number", device, "ConfigPixelSize,Res1,Cam,Binning,1",
                "PixelSize_um,Res1,0.5x");
        assertRefused("line 1: Core,Initialize must be 0 or 1", "Property,Core,Initialize,yes");
        assertRefused("line 1: the core has no property 'Camra'", "Property,Core,Camra,Cam");
        assertRefused("line 1: 'Equipment' is an obsolete command", "Equipment,Cam,Exposure,5");
        assertRefused("line 2: the channel group 'Channels' is never defined", device,
                "Property,Core,ChannelGroup,Channels", "ConfigGroup,Channel,A,Cam,Exposure,5");
    }

    private static void assertRefused(String expected, String... lines) {
        ConfigFileException error = assertThrows(ConfigFileException.class,
                () -> ConfigFile.parse("test.cfg", Arrays.asList(lines)));
        assertTrue(error.getMessage().startsWith("test.cfg, line"), error.getMessage());
        assertTrue(error.getMessage().contains(expected), "expected '" + expected + "' in: " + error.getMessage());
    }
}
