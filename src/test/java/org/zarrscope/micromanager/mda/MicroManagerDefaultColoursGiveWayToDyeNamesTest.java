package org.zarrscope.micromanager.mda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.ngff.ChannelDisplay;

/**
 * A Studio MDA reports every channel the user never coloured as grey ({@code ChannelSpec}'s
 * default, {@code java.awt.Color.gray}) and the display settings default to white: those
 * channels are coloured after their dye as if no colour were given, while a colour the user
 * chose, even for a dye, is kept.
 */
class MicroManagerDefaultColoursGiveWayToDyeNamesTest {
    @Test
    void greyAndWhiteAreDefaultsAndOtherColoursAreChoices(@TempDir Path folder) {
        MdaSummary summary = MdaSummary.builder().frameSize(8, 8).pixelType(MdaPixelType.GRAY16)
                .channel("DAPI", 0xFF808080) // java.awt.Color.gray.getRGB(), with alpha, as Studio passes it
                .channel("FITC", 0xFFFFFFFF)
                .channel("Rhodamine", null)
                .channel("Cy5", 0xFFFFFF00) // the user's yellow wins over the dye's magenta
                .channel("Brightfield", 0xFF808080)
                .build();
        List<String> shown = new ArrayList<>();
        for (ChannelDisplay channel : ChannelDisplay.of(MdaSettings.writerSettings(summary, SaveOptions.DEFAULTS,
                folder.resolve("run.ome.zarr")))) {
            shown.add(channel.name() + " " + channel.hex());
        }
        assertEquals(List.of("DAPI 0000FF", "FITC 00FF00", "Rhodamine FF4500", "Cy5 FFFF00", "Brightfield FF00FF"),
                shown, "Brightfield names no dye: the first palette colour no other channel has");
    }
}
