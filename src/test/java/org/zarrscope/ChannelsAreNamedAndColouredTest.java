package org.zarrscope;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zarrscope.contrast.ContrastWindow;
import org.zarrscope.ngff.ChannelDisplay;
import org.zarrscope.ngff.OmeroMetadata;

/**
 * Channels are shown as the acquisition named and coloured them; channels without a colour take
 * the usual colour of a dye their name names, else a colour-blind-friendly palette colour no
 * other channel has, a lone channel is grey, RGB is red,
 * green and blue; the {@code omero} block carries exactly that, with the contrast windows given.
 */
class ChannelsAreNamedAndColouredTest {
    @Test
    void givenColoursAreKeptAndTheRestComeFromThePalette() {
        List<ChannelInfo> channels = List.of(new ChannelInfo("DAPI", 0xFFFF00), new ChannelInfo("Phase", null),
                new ChannelInfo("mCherry", 0xFF00FF), new ChannelInfo("640 nm", null), new ChannelInfo("BF", null));
        // DAPI's given yellow beats its dye's blue; yellow and magenta are taken, so the rest cycle green, cyan
        assertEquals(List.of("DAPI FFFF00", "Phase 00FF00", "mCherry FF00FF", "640 nm 00FFFF", "BF 00FF00"),
                describe(settings(PixelType.UINT16, channels)));
    }

    @Test
    void channelsNamedAfterAWellKnownDyeTakeItsColour() {
        List<String> names = List.of("DAPI", "Hoechst 33342", "fitc", "GFP-1", "EGFP", "Alexa Fluor 488", "Cy3",
                "TRITC", "Rhodamine", "mCherry", "TagRFP", "Cy5", "Cy5.5");
        List<ChannelInfo> channels = new ArrayList<>();
        names.forEach(name -> channels.add(new ChannelInfo(name, null)));
        assertEquals(List.of("DAPI 0000FF", "Hoechst 33342 0000FF", "fitc 00FF00", "GFP-1 00FF00", "EGFP 00FF00",
                "Alexa Fluor 488 00FF00", "Cy3 FF4500", "TRITC FF4500", "Rhodamine FF4500", "mCherry FF4500",
                "TagRFP FF4500", "Cy5 FF00FF", "Cy5.5 FF00FF"), describe(settings(PixelType.UINT16, channels)));

        List<ChannelInfo> mixed = List.of(new ChannelInfo("DAPI", null), new ChannelInfo("Widefield", null),
                new ChannelInfo("GFP", null), new ChannelInfo("Trans", null));
        assertEquals(List.of("DAPI 0000FF", "Widefield FF00FF", "GFP 00FF00", "Trans 00FFFF"),
                describe(settings(PixelType.UINT16, mixed)), "palette colours skip those the names took");
        assertEquals(List.of("GFP 00FF00"), describe(settings(PixelType.UINT16, List.of(new ChannelInfo("GFP", null)))),
                "a lone dye channel is shown in its colour, not grey");
    }

    @Test
    void withoutAnyColoursThePaletteCyclesAndALoneChannelIsGrey() {
        List<ChannelInfo> six = new ArrayList<>();
        for (int c = 0; c < 6; c++) {
            six.add(new ChannelInfo("Channel " + c, null));
        }
        assertEquals(List.of("Channel 0 00FF00", "Channel 1 FF00FF", "Channel 2 00FFFF", "Channel 3 FFFF00",
                "Channel 4 00FF00", "Channel 5 FF00FF"), describe(settings(PixelType.UINT8, six)));
        WriterSettings lone = settings(PixelType.UINT16, List.of(new ChannelInfo("Brightfield", null)));
        assertEquals(List.of("Brightfield FFFFFF"), describe(lone));
        assertEquals("greyscale", OmeroMetadata.of(lone, null).get("rdefs").get("model").asText());
    }

    @Test
    void rgbFramesAreRedGreenAndBlue() {
        WriterSettings settings = settings(PixelType.RGB8, List.of(new ChannelInfo("Brightfield", 0x00FF00)));
        assertEquals(List.of("Brightfield red FF0000", "Brightfield green 00FF00", "Brightfield blue 0000FF"),
                describe(settings));
        assertEquals("color", OmeroMetadata.of(settings, null).get("rdefs").get("model").asText());
    }

    @Test
    void omeroCarriesTheLabelsColoursAndWindows() {
        WriterSettings settings = settings(PixelType.UINT16, List.of(new ChannelInfo("DAPI", 0x0000FF),
                new ChannelInfo("GFP", null)));
        JsonNode omero = OmeroMetadata.of(settings, List.of(new ContrastWindow(0, 65_535, 100, 2_000),
                new ContrastWindow(0, 65_535, 150, 40_000)));
        JsonNode channels = omero.get("channels");
        assertEquals("DAPI", channels.get(0).get("label").asText());
        assertEquals("0000FF", channels.get(0).get("color").asText());
        assertEquals("{\"min\":0,\"max\":65535,\"start\":100,\"end\":2000}", channels.get(0).get("window").toString());
        assertEquals("00FF00", channels.get(1).get("color").asText());
        assertEquals("{\"min\":0,\"max\":65535,\"start\":150,\"end\":40000}", channels.get(1).get("window").toString());
        assertEquals(1, omero.get("rdefs").get("defaultZ").asInt(), "the middle of 3 z slices");

        JsonNode unknown = OmeroMetadata.of(settings, null).get("channels").get(1).get("window");
        assertEquals("{\"min\":0,\"max\":65535,\"start\":0,\"end\":65535}", unknown.toString(),
                "before any data: the pixel type's range");
    }

    private static List<String> describe(WriterSettings settings) {
        List<String> described = new ArrayList<>();
        for (ChannelDisplay channel : ChannelDisplay.of(settings)) {
            described.add(channel.name() + " " + channel.hex());
        }
        return described;
    }

    private static WriterSettings settings(PixelType type, List<ChannelInfo> channels) {
        return WriterSettings.builder().output(Paths.get("unused")).frameSize(8, 8).pixelType(type)
                .channels(channels.size()).channelInfo(channels).zSlices(3).build();
    }
}
