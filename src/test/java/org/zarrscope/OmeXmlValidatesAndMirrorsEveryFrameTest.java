package org.zarrscope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.zarrscope.metadata.FrameTableReader;
import org.zarrscope.ome.OmeXmlDocument;
import org.zarrscope.store.FileSystemStore;
import org.zarrscope.testing.OmeXmlSchema;

/**
 * {@code OME/METADATA.ome.xml} is valid OME-XML (the 2016-06 schema from
 * {@code org.openmicroscopy:specification}, applied strictly, as the negative controls show) and
 * carries every frame the writer accepted as a {@code Plane} with the values written: read back
 * with the JDK's own XML parser, independent of the OME model library that wrote it.
 */
class OmeXmlValidatesAndMirrorsEveryFrameTest {
    private static final int WIDTH = 16;
    private static final int HEIGHT = 8;
    /** When {@link #serialize} pretends the writer opened. */
    private static final Instant WRITER_OPEN = Instant.parse("2026-01-02T03:04:05.678Z");

    @Test
    void positionsChannelsAndEveryFrameOfAStoppedRun(@TempDir Path folder) throws Exception {
        List<StagePosition> positions = List.of(new StagePosition("Pos0", 100.0, 200.0, 10.0),
                new StagePosition("left edge", -50.5, 0.0, null), StagePosition.named("Pos2"));
        WriterSettings settings = base(folder.resolve("run.ome.zarr")).positions(positions).timePoints(4).channels(2)
                .zSlices(3).channelInfo(List.of(new ChannelInfo("DAPI", 0x0000FF), new ChannelInfo("GFP", null)))
                .pixelSizeUm(0.65).zStepUm(0.5).intervalSeconds(2.0)
                .summary(AcquisitionSummary.builder().channelGroup("Channel").startTime("2026-11-23 10:15:30.250 +0100")
                        .prefix("run").directory("/data").userData("Sample", "HeLa <fixed> & \"stained\"").build())
                .build();
        List<FrameCoordinates> written = writeFrames(settings, 50); // of 3 x 4 x 2 x 3 = 72: stopped early

        byte[] xml = Files.readAllBytes(settings.output().resolve(OmeXmlDocument.KEY));
        assertEquals(List.of(), OmeXmlSchema.violations(xml));
        Document document = parse(xml);

        List<Element> images = children(document.getDocumentElement(), "Image");
        assertEquals(3, images.size(), "one image per position");
        for (int p = 0; p < 3; p++) {
            Element image = images.get(p);
            assertEquals(positions.get(p).name(), image.getAttribute("Name"));
            assertEquals("2026-11-23T09:15:30.250", text(image, "AcquisitionDate"), "the start time, in UTC as OME writes it");
            Element pixels = child(image, "Pixels");
            assertEquals(Map.of("DimensionOrder", "XYZCT", "Type", "uint16", "SizeX", "16", "SizeY", "8", "SizeZ", "3",
                    "SizeC", "2", "SizeT", "4"), attributes(pixels, "DimensionOrder", "Type", "SizeX", "SizeY", "SizeZ",
                    "SizeC", "SizeT"));
            assertEquals(0.65, number(pixels, "PhysicalSizeX"));
            assertEquals(0.65, number(pixels, "PhysicalSizeY"));
            assertEquals(0.5, number(pixels, "PhysicalSizeZ"));
            assertEquals("µm", pixels.getAttribute("PhysicalSizeXUnit"));
            assertEquals(2.0, number(pixels, "TimeIncrement"));
            assertEquals("s", pixels.getAttribute("TimeIncrementUnit"));
            assertEquals(1, children(pixels, "MetadataOnly").size());
            List<Element> channels = children(pixels, "Channel");
            assertEquals(List.of("DAPI", "GFP"), List.of(channels.get(0).getAttribute("Name"), channels.get(1).getAttribute("Name")));
            // OME colours are signed RGBA integers: blue as given, GFP the palette's first colour (green)
            assertEquals(0x0000FFFF, Integer.parseInt(channels.get(0).getAttribute("Color")));
            assertEquals(0x00FF00FF, Integer.parseInt(channels.get(1).getAttribute("Color")));

            Element stage = child(image, "StageLabel");
            assertEquals(positions.get(p).name(), stage.getAttribute("Name"));
            assertAttribute(stage, "X", positions.get(p).xUm());
            assertAttribute(stage, "Y", positions.get(p).yUm());
            assertAttribute(stage, "Z", positions.get(p).zUm());
        }

        // every frame written, and nothing else, as a plane of its position's image, in arrival order
        for (int p = 0; p < 3; p++) {
            int position = p;
            List<FrameCoordinates> ofPosition = new ArrayList<>();
            written.stream().filter(frame -> frame.position() == position).forEach(ofPosition::add);
            List<Element> planes = children(child(images.get(p), "Pixels"), "Plane");
            assertEquals(ofPosition.size(), planes.size(), "planes of position " + p);
            for (int i = 0; i < planes.size(); i++) {
                assertPlaneIs(planes.get(i), ofPosition.get(i), ofPosition.get(i).channel(), true);
            }
        }

        List<Element> annotations = children(child(document.getDocumentElement(), "StructuredAnnotations"), "MapAnnotation");
        assertEquals(Map.of("ChannelGroup", "Channel", "StartTime", "2026-11-23 10:15:30.250 +0100", "Prefix", "run",
                "Directory", "/data"), pairs(annotations.get(0)));
        assertEquals(OmeXmlDocument.SUMMARY_NAMESPACE, annotations.get(0).getAttribute("Namespace"));
        assertEquals(Map.of("Sample", "HeLa <fixed> & \"stained\""), pairs(annotations.get(1)));
        for (Element image : images) {
            List<String> refs = new ArrayList<>();
            children(image, "AnnotationRef").forEach(ref -> refs.add(ref.getAttribute("ID")));
            assertEquals(List.of(annotations.get(0).getAttribute("ID"), annotations.get(1).getAttribute("ID")), refs);
        }
    }

    @Test
    void hcsPlateWellsReferToTheirImages(@TempDir Path folder) throws Exception {
        List<StagePosition> sites = List.of(new StagePosition("A1-Site_0", 0.0, 0.0, null),
                new StagePosition("A1-Site_1", 500.0, 0.0, null), new StagePosition("B3-Site_0", 18_000.0, 9_000.0, null));
        WriterSettings settings = base(folder.resolve("plate.ome.zarr")).positions(sites).build();
        writeFrames(settings, Integer.MAX_VALUE);

        byte[] xml = Files.readAllBytes(settings.output().resolve(OmeXmlDocument.KEY));
        assertEquals(List.of(), OmeXmlSchema.violations(xml));
        Document document = parse(xml);
        Map<String, String> imageNames = new HashMap<>();
        children(document.getDocumentElement(), "Image").forEach(image -> imageNames.put(image.getAttribute("ID"),
                image.getAttribute("Name")));
        Element plate = child(document.getDocumentElement(), "Plate");
        assertEquals(Map.of("Name", "plate", "Rows", "2", "Columns", "3", "RowNamingConvention", "letter",
                "ColumnNamingConvention", "number"), attributes(plate, "Name", "Rows", "Columns", "RowNamingConvention",
                "ColumnNamingConvention"));
        List<String> found = new ArrayList<>();
        for (Element well : children(plate, "Well")) {
            for (Element sample : children(well, "WellSample")) {
                String image = imageNames.get(child(sample, "ImageRef").getAttribute("ID"));
                found.add(well.getAttribute("Row") + "," + well.getAttribute("Column") + " " + image + " at "
                        + sample.getAttribute("PositionX"));
            }
        }
        assertEquals(List.of("0,0 A1-Site_0 at 0.0", "0,0 A1-Site_1 at 500.0", "1,2 B3-Site_0 at 18000.0"), found);
    }

    @Test
    void rgbFramesAreThreePlanesAndAPlainRunHasNoInventedValues(@TempDir Path folder) throws Exception {
        WriterSettings settings = base(folder.resolve("rgb.ome.zarr")).pixelType(PixelType.RGB8).timePoints(2).build();
        Instant beforeOpen = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try (AcquisitionWriter writer = AcquisitionWriter.open(settings)) {
            Instant afterOpen = Instant.now();
            Thread.sleep(50); // the date must be the open, not the finish
            writer.write(FrameCoordinates.of(0, 0, 0), new byte[WIDTH * HEIGHT * 4], FrameMetadata.NONE);
            writer.finish();
            Element image = children(parse(Files.readAllBytes(settings.output().resolve(OmeXmlDocument.KEY)))
                    .getDocumentElement(), "Image").get(0);
            Instant started = utc(text(image, "AcquisitionDate"));
            assertTrue(!started.isBefore(beforeOpen) && !started.isAfter(afterOpen),
                    "no start time given: the writer's clock at open, " + started + " not in " + beforeOpen + " to "
                            + afterOpen);
        }
        byte[] xml = Files.readAllBytes(settings.output().resolve(OmeXmlDocument.KEY));
        assertEquals(List.of(), OmeXmlSchema.violations(xml));
        Element image = children(parse(xml).getDocumentElement(), "Image").get(0);
        assertEquals("rgb", image.getAttribute("Name"), "the single position is named after the dataset");
        assertFalse(hasChild(image, "AnnotationRef"), "no summary given");
        Element pixels = child(image, "Pixels");
        assertEquals("uint8", pixels.getAttribute("Type"));
        assertEquals("3", pixels.getAttribute("SizeC"));
        assertFalse(pixels.hasAttribute("PhysicalSizeX") || pixels.hasAttribute("TimeIncrement"), "no sizes given");
        List<String> colours = new ArrayList<>();
        children(pixels, "Channel").forEach(c -> colours.add(c.getAttribute("Name") + " " + Integer.toHexString(
                Integer.parseInt(c.getAttribute("Color")))));
        assertEquals(List.of("Channel 0 red ff0000ff", "Channel 0 green ff00ff", "Channel 0 blue ffff"), colours);
        List<Element> planes = children(pixels, "Plane");
        assertEquals(3, planes.size(), "one RGB frame is three stored planes");
        for (int component = 0; component < 3; component++) {
            assertPlaneIs(planes.get(component), FrameCoordinates.of(0, 0, 0), component, false);
        }
        assertFalse(hasChild(parse(xml).getDocumentElement(), "StructuredAnnotations"));
    }

    @Test
    void aStartTimeWithoutZoneIsThisMachinesLocalTime(@TempDir Path folder) throws Exception {
        TimeZone machine = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kolkata")); // +05:30: a zone mistaken for UTC shows
        try {
            Instant local = Instant.parse("2026-12-02T20:46:38Z");
            for (String acqEngJ : List.of("2026/12/03 02:16:38", "2026-12-03 02:16:38.000", "2026-12-03T02:16:38")) {
                WriterSettings settings = base(folder.resolve("run.ome.zarr"))
                        .summary(AcquisitionSummary.builder().startTime(acqEngJ).build()).build();
                Element image = children(parse(serialize(settings)).getDocumentElement(), "Image").get(0);
                assertEquals(local, utc(text(image, "AcquisitionDate")), acqEngJ);
            }
        } finally {
            TimeZone.setDefault(machine);
        }
        WriterSettings unreadable = base(folder.resolve("run.ome.zarr"))
                .summary(AcquisitionSummary.builder().startTime("last Tuesday").build()).build();
        Element image = children(parse(serialize(unreadable)).getDocumentElement(), "Image").get(0);
        assertEquals(WRITER_OPEN, utc(text(image, "AcquisitionDate")), "text in no known format: the writer's clock");
    }

    @Test
    void theSchemaIsApplied() throws Exception {
        WriterSettings settings = base(Path.of("unused")).build();
        Document document = parse(serialize(settings));
        assertEquals(List.of(), OmeXmlSchema.violations(bytes(document)));

        Element pixels = child(children(document.getDocumentElement(), "Image").get(0), "Pixels");
        pixels.setAttribute("DimensionOrder", "XYZQT");
        assertViolation(document, "XYZQT");
        pixels.setAttribute("DimensionOrder", "XYZCT");
        pixels.removeAttribute("SizeX");
        assertViolation(document, "SizeX");
        pixels.setAttribute("SizeX", "0");
        assertViolation(document, "0");
        pixels.setAttribute("SizeX", "16");
        pixels.appendChild(document.createElementNS(OmeXmlSchema.NAMESPACE, "Scanner"));
        assertViolation(document, "Scanner");
        assertFalse(OmeXmlSchema.violations("<OME".getBytes(StandardCharsets.UTF_8)).isEmpty(), "not even XML");
    }

    private static void assertViolation(Document document, String mentioning) throws Exception {
        List<String> violations = OmeXmlSchema.violations(bytes(document));
        assertTrue(violations.stream().anyMatch(v -> v.contains(mentioning)),
                "the schema must refuse this document (" + mentioning + "), got " + violations);
    }

    /** A document built from settings alone (no frames), through the public write path. */
    private static byte[] serialize(WriterSettings settings) throws Exception {
        Path store = Files.createTempDirectory("omexml");
        OmeXmlDocument.write(new FileSystemStore(store), settings, 1, List.of(), WRITER_OPEN);
        return Files.readAllBytes(store.resolve(OmeXmlDocument.KEY));
    }

    /**
     * Writes up to {@code limit} frames in acquisition order with distinct metadata, aborts (an
     * early stop, when the limit is below the run's frames) or finishes, then writes the OME-XML
     * from the frame table as the writer does at the end.
     */
    private static List<FrameCoordinates> writeFrames(WriterSettings settings, int limit) throws Exception {
        List<FrameCoordinates> frames = new ArrayList<>();
        settings.order().forEachFrame(settings.positionCount(), settings.timePoints(), settings.channels(),
                settings.zSlices(), frames::add);
        List<FrameCoordinates> written = frames.subList(0, Math.min(limit, frames.size()));
        try (AcquisitionWriter writer = AcquisitionWriter.open(settings)) {
            for (FrameCoordinates frame : written) {
                writer.write(frame, new short[WIDTH * HEIGHT], metadataOf(frame));
            }
            if (written.size() < frames.size()) {
                writer.abort();
            } else {
                writer.finish();
            }
        }
        return new ArrayList<>(written); // the writer wrote OME/METADATA.ome.xml itself
    }

    private static FrameMetadata metadataOf(FrameCoordinates frame) {
        double index = ((frame.position() * 10 + frame.time()) * 10 + frame.channel()) * 10 + frame.z();
        return FrameMetadata.builder().elapsedMs(1000.5 * index + 0.25).exposureMs(10 + frame.channel() * 2.5)
                .stagePositionUm(100 * frame.position() + 0.1, -200.0 + frame.time(), 5 + 0.3 * frame.z())
                .camera("Prime BSI").build();
    }

    /** @param recorded whether the frame was written with {@link #metadataOf} (else with nothing) */
    private static void assertPlaneIs(Element plane, FrameCoordinates frame, int storedChannel, boolean recorded) {
        assertEquals(List.of(frame.z(), storedChannel, frame.time()), List.of(integer(plane, "TheZ"),
                integer(plane, "TheC"), integer(plane, "TheT")), "Z, C, T of " + frame);
        assertEquals(recorded, plane.hasAttribute("DeltaT"), "DeltaT written exactly when recorded, " + frame);
        if (!recorded) {
            return;
        }
        FrameMetadata expected = metadataOf(frame);
        assertEquals(expected.elapsedMs() / 1000, number(plane, "DeltaT"), "DeltaT of " + frame);
        assertEquals("s", plane.getAttribute("DeltaTUnit"));
        assertEquals(expected.exposureMs(), number(plane, "ExposureTime"), "exposure of " + frame);
        assertEquals("ms", plane.getAttribute("ExposureTimeUnit"));
        assertEquals(expected.stageXUm(), number(plane, "PositionX"), "stage X of " + frame);
        assertEquals(expected.stageYUm(), number(plane, "PositionY"), "stage Y of " + frame);
        assertEquals(expected.stageZUm(), number(plane, "PositionZ"), "stage Z of " + frame);
        assertEquals("µm", plane.getAttribute("PositionXUnit"));
    }

    private static void assertAttribute(Element element, String name, Double expected) {
        if (expected == null) {
            assertFalse(element.hasAttribute(name), name + " was not known, so not written");
        } else {
            assertEquals(expected, number(element, name), name);
        }
    }

    private static WriterSettings.Builder base(Path output) {
        return WriterSettings.builder().output(output).format(ZarrFormat.V2).frameSize(WIDTH, HEIGHT)
                .writerThreads(1).memoryBudgetBytes(8L << 20);
    }

    private static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    private static byte[] bytes(Document document) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TransformerFactory.newInstance().newTransformer().transform(new DOMSource(document), new StreamResult(out));
        return out.toByteArray();
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element && name.equals(nodes.item(i).getLocalName())) {
                assertEquals(OmeXmlSchema.NAMESPACE, nodes.item(i).getNamespaceURI(), name + " in the OME namespace");
                found.add((Element) nodes.item(i));
            }
        }
        return found;
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        assertEquals(1, found.size(), "one " + name + " in " + parent.getLocalName());
        return found.get(0);
    }

    private static boolean hasChild(Element parent, String name) {
        return !children(parent, name).isEmpty();
    }

    /** An OME timestamp, which is written in UTC without a zone. */
    private static Instant utc(String timestamp) {
        return LocalDateTime.parse(timestamp).toInstant(ZoneOffset.UTC);
    }

    private static String text(Element parent, String name) {
        return child(parent, name).getTextContent();
    }

    private static Map<String, String> attributes(Element element, String... names) {
        Map<String, String> values = new HashMap<>();
        for (String name : names) {
            values.put(name, element.getAttribute(name));
        }
        return values;
    }

    private static Map<String, String> pairs(Element mapAnnotation) {
        Map<String, String> pairs = new HashMap<>();
        children(child(mapAnnotation, "Value"), "M").forEach(m -> pairs.put(m.getAttribute("K"), m.getTextContent()));
        return pairs;
    }

    private static double number(Element element, String attribute) {
        assertTrue(element.hasAttribute(attribute), element.getLocalName() + " needs " + attribute);
        return Double.parseDouble(element.getAttribute(attribute));
    }

    private static int integer(Element element, String attribute) {
        return Integer.parseInt(element.getAttribute(attribute));
    }

}
