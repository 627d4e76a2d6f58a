package org.zarrscope.ome;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import ome.units.UNITS;
import ome.units.quantity.Length;
import ome.units.quantity.Time;
import ome.xml.model.Channel;
import ome.xml.model.Image;
import ome.xml.model.MapAnnotation;
import ome.xml.model.MapPair;
import ome.xml.model.MetadataOnly;
import ome.xml.model.OME;
import ome.xml.model.Pixels;
import ome.xml.model.Plane;
import ome.xml.model.Plate;
import ome.xml.model.StageLabel;
import ome.xml.model.StructuredAnnotations;
import ome.xml.model.Well;
import ome.xml.model.WellSample;
import ome.xml.model.enums.DimensionOrder;
import ome.xml.model.enums.NamingConvention;
import ome.xml.model.enums.PixelType;
import ome.xml.model.primitives.Color;
import ome.xml.model.primitives.NonNegativeInteger;
import ome.xml.model.primitives.PositiveInteger;
import ome.xml.model.primitives.Timestamp;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.zarrscope.AcquisitionSummary;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.FrameMetadata;
import org.zarrscope.StagePosition;
import org.zarrscope.WriterSettings;
import org.zarrscope.metadata.FrameRecord;
import org.zarrscope.ngff.ChannelDisplay;
import org.zarrscope.ngff.ImageCollection;
import org.zarrscope.ngff.PlateLayout;
import org.zarrscope.store.Store;

/**
 * {@code OME/METADATA.ome.xml}: the run described in the OME data model, for OME-XML readers
 * (Bio-Formats, OMERO, raw2ometiff) and for the {@code bioformats2raw.layout}, which lists its
 * images in the same order. Built with the OME model library and serialised by JAXP.
 *
 * <ul>
 *   <li>one {@code Image} per stage position, named after it, with {@code Pixels} (XYZCT, sizes,
 *       type, physical sizes in µm, time increment in s, {@code MetadataOnly}), the stored
 *       channels' names and colours ({@link ChannelDisplay}), a {@code StageLabel} with the
 *       position's X/Y/Z, and the run's start as {@code AcquisitionDate} (the summary's start
 *       time, else the writer's clock at open: {@link AcquisitionDate});</li>
 *   <li>one {@code Plane} per stored plane of every frame written, in arrival order: its
 *       Z/C/T, {@code DeltaT} (s), {@code ExposureTime} (ms) and stage {@code PositionX/Y/Z} (µm),
 *       each only when the microscope recorded it (an RGB frame gives three planes);</li>
 *   <li>for an HCS plate, a {@code Plate} with a {@code Well} per imaged well and a
 *       {@code WellSample} per field referring to its image;</li>
 *   <li>the run summary (channel group, start time as written, prefix, folder) and the user data
 *       as {@code MapAnnotation}s referred to by every image.</li>
 * </ul>
 * The per-frame table ({@code zarrscope/frames}) stays the lossless record (camera, extra keys);
 * this document mirrors what the OME model has a place for.
 */
public final class OmeXmlDocument {
    /** Where the document lives, relative to the dataset root. */
    public static final String KEY = ImageCollection.OME_GROUP + "/METADATA.ome.xml";
    /**
     * The most frames mirrored as {@code Plane} elements: the document is built in memory (a few
     * KB per frame), so a run of millions of frames mirrors its first frames only; the frame
     * table keeps every frame.
     */
    public static final int MAX_MIRRORED_FRAMES = 20_000;
    /** The namespace of the summary annotation. */
    public static final String SUMMARY_NAMESPACE = "org.zarrscope/acquisition-summary";
    /** The namespace of the user-data annotation. */
    public static final String USER_DATA_NAMESPACE = "org.zarrscope/user-data";
    private static final String SCHEMA_LOCATION = "http://www.openmicroscopy.org/Schemas/OME/2016-06 "
            + "http://www.openmicroscopy.org/Schemas/OME/2016-06/ome.xsd";

    private OmeXmlDocument() {
    }

    /**
     * Writes the document of a finished (or stopped) run to {@link #KEY}.
     *
     * @param timePoints the arrays' time extent (an open-ended run: the time points acquired)
     * @param frames     the frame table's rows ({@code FrameTableReader.read})
     * @param writerOpen when the writer opened: the run's start when its summary gives none
     */
    public static void write(Store store, WriterSettings settings, int timePoints, List<FrameRecord> frames,
            Instant writerOpen) throws IOException {
        store.put(KEY, ByteBuffer.wrap(serialize(build(settings, timePoints, frames, writerOpen))));
    }

    /** The run in the OME data model. */
    public static OME build(WriterSettings settings, int timePoints, List<FrameRecord> frames, Instant writerOpen) {
        OME ome = new OME();
        ome.setCreator("Zarrscope");
        List<MapAnnotation> annotations = annotations(settings.summary());
        if (!annotations.isEmpty()) {
            StructuredAnnotations structured = new StructuredAnnotations();
            annotations.forEach(structured::addMapAnnotation);
            ome.setStructuredAnnotations(structured);
        }
        Timestamp started = AcquisitionDate.of(settings.summary().startTime(), ZoneId.systemDefault(), writerOpen);
        List<Image> images = new ArrayList<>();
        for (int position = 0; position < settings.positionCount(); position++) {
            Image image = image(settings, position, Math.max(1, timePoints));
            image.setAcquisitionDate(started);
            annotations.forEach(image::linkAnnotation);
            ome.addImage(image);
            images.add(image);
        }
        int components = settings.pixelType().storedChannelsPerFrame();
        for (FrameRecord record : frames) {
            Pixels pixels = images.get(record.frame().position()).getPixels();
            for (int component = 0; component < components; component++) {
                pixels.addPlane(plane(record, record.frame().channel() * components + component));
            }
        }
        if (settings.plate() != null) {
            ome.addPlate(plate(settings, images));
        }
        return ome;
    }

    private static Image image(WriterSettings settings, int position, int timePoints) {
        StagePosition stage = settings.positions().get(position);
        Image image = new Image();
        image.setID("Image:" + position);
        image.setName(stage.name());

        Pixels pixels = new Pixels();
        pixels.setID("Pixels:" + position);
        pixels.setDimensionOrder(DimensionOrder.XYZCT);
        pixels.setType(pixelType(settings.pixelType()));
        pixels.setBigEndian(false);
        pixels.setSizeX(new PositiveInteger(settings.width()));
        pixels.setSizeY(new PositiveInteger(settings.height()));
        pixels.setSizeZ(new PositiveInteger(settings.zSlices()));
        pixels.setSizeC(new PositiveInteger(settings.storedChannels()));
        pixels.setSizeT(new PositiveInteger(timePoints));
        pixels.setPhysicalSizeX(micrometres(settings.pixelSizeXUm()));
        pixels.setPhysicalSizeY(micrometres(settings.pixelSizeYUm()));
        pixels.setPhysicalSizeZ(micrometres(settings.zStepUm()));
        if (settings.intervalSeconds() != null) {
            pixels.setTimeIncrement(new Time(settings.intervalSeconds(), UNITS.SECOND));
        }
        List<ChannelDisplay> channels = ChannelDisplay.of(settings);
        for (int c = 0; c < channels.size(); c++) {
            Channel channel = new Channel();
            channel.setID("Channel:" + position + ":" + c);
            channel.setName(channels.get(c).name());
            channel.setSamplesPerPixel(new PositiveInteger(1));
            int rgb = channels.get(c).rgb();
            channel.setColor(new Color(rgb >> 16, (rgb >> 8) & 0xff, rgb & 0xff, 255));
            pixels.addChannel(channel);
        }
        pixels.setMetadataOnly(new MetadataOnly()); // the pixels are in the Zarr arrays
        image.setPixels(pixels);

        StageLabel label = new StageLabel();
        label.setName(stage.name());
        label.setX(micrometres(stage.xUm()));
        label.setY(micrometres(stage.yUm()));
        label.setZ(micrometres(stage.zUm()));
        image.setStageLabel(label);
        return image;
    }

    private static Plane plane(FrameRecord record, int storedChannel) {
        FrameCoordinates frame = record.frame();
        FrameMetadata recorded = record.metadata();
        Plane plane = new Plane();
        plane.setTheZ(new NonNegativeInteger(frame.z()));
        plane.setTheC(new NonNegativeInteger(storedChannel));
        plane.setTheT(new NonNegativeInteger(frame.time()));
        if (recorded.elapsedMs() != null) {
            plane.setDeltaT(new Time(recorded.elapsedMs() / 1000, UNITS.SECOND));
        }
        if (recorded.exposureMs() != null) {
            plane.setExposureTime(new Time(recorded.exposureMs(), UNITS.MILLISECOND));
        }
        plane.setPositionX(micrometres(recorded.stageXUm()));
        plane.setPositionY(micrometres(recorded.stageYUm()));
        plane.setPositionZ(micrometres(recorded.stageZUm()));
        return plane;
    }

    private static Plate plate(WriterSettings settings, List<Image> images) {
        PlateLayout layout = settings.plate();
        Plate plate = new Plate();
        plate.setID("Plate:0");
        plate.setName(settings.datasetName());
        plate.setRows(new PositiveInteger(layout.rows().size()));
        plate.setColumns(new PositiveInteger(layout.columns().size()));
        plate.setRowNamingConvention(NamingConvention.LETTER);
        plate.setColumnNamingConvention(NamingConvention.NUMBER);
        int sampleIndex = 0;
        for (int w = 0; w < layout.wells().size(); w++) {
            PlateLayout.Well imaged = layout.wells().get(w);
            Well well = new Well();
            well.setID("Well:0:" + w);
            well.setRow(new NonNegativeInteger(imaged.rowIndex()));
            well.setColumn(new NonNegativeInteger(imaged.columnIndex()));
            for (int field = 0; field < imaged.positions().size(); field++) {
                int position = imaged.positions().get(field);
                StagePosition stage = settings.positions().get(position);
                WellSample sample = new WellSample();
                sample.setID("WellSample:0:" + w + ":" + field);
                sample.setIndex(new NonNegativeInteger(sampleIndex++));
                sample.setPositionX(micrometres(stage.xUm()));
                sample.setPositionY(micrometres(stage.yUm()));
                sample.linkImage(images.get(position));
                well.addWellSample(sample);
            }
            plate.addWell(well);
        }
        return plate;
    }

    /** The summary and the user data, each as a map annotation when there is anything in it. */
    private static List<MapAnnotation> annotations(AcquisitionSummary summary) {
        List<MapPair> run = new ArrayList<>();
        addIfKnown(run, "ChannelGroup", summary.channelGroup());
        addIfKnown(run, "StartTime", summary.startTime());
        addIfKnown(run, "Prefix", summary.prefix());
        addIfKnown(run, "Directory", summary.directory());
        List<MapPair> user = new ArrayList<>();
        for (Map.Entry<String, String> entry : summary.userData().entrySet()) {
            user.add(new MapPair(entry.getKey(), entry.getValue()));
        }
        List<MapAnnotation> annotations = new ArrayList<>();
        addIfAny(annotations, SUMMARY_NAMESPACE, run);
        addIfAny(annotations, USER_DATA_NAMESPACE, user);
        return annotations;
    }

    private static void addIfKnown(List<MapPair> pairs, String key, String value) {
        if (value != null) {
            pairs.add(new MapPair(key, value));
        }
    }

    private static void addIfAny(List<MapAnnotation> annotations, String namespace, List<MapPair> pairs) {
        if (!pairs.isEmpty()) {
            MapAnnotation annotation = new MapAnnotation();
            annotation.setID("Annotation:" + annotations.size());
            annotation.setNamespace(namespace);
            annotation.setValue(pairs);
            annotations.add(annotation);
        }
    }

    private static PixelType pixelType(org.zarrscope.PixelType type) {
        switch (type) {
            case UINT8:
            case RGB8: return PixelType.UINT8;
            case UINT16: return PixelType.UINT16;
            case UINT32: return PixelType.UINT32;
            default: return PixelType.FLOAT;
        }
    }

    private static Length micrometres(Double value) {
        return value == null ? null : new Length(value, UNITS.MICROMETER);
    }

    /** The model as an XML document, UTF-8, indented, with the schema location for validators. */
    static byte[] serialize(OME ome) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Document document = factory.newDocumentBuilder().newDocument();
            Element root = ome.asXMLElement(document);
            root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:xsi",
                    XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI);
            root.setAttributeNS(XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI, "xsi:schemaLocation", SCHEMA_LOCATION);
            document.appendChild(root);
            Transformer transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            transformer.transform(new DOMSource(document), new StreamResult(bytes));
            return bytes.toByteArray();
        } catch (ParserConfigurationException | TransformerException e) {
            // the JDK's own XML implementation, configured with standard options only
            throw new IllegalStateException("the Java XML implementation cannot write OME-XML: " + e.getMessage(), e);
        }
    }
}
