package org.zarrscope.metadata;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.zarrscope.AcquisitionSummary;
import org.zarrscope.ChannelInfo;
import org.zarrscope.StagePosition;
import org.zarrscope.WriterSettings;
import org.zarrscope.zarr.ZarrJson;

/**
 * Zarrscope's own group attributes, under {@code zarrscope} beside the OME-NGFF keys: the run's
 * status, where the per-frame table is, the run's summary as the microscope recorded it (what
 * OME-NGFF has no place for: channel group, start time, user data, the pixel-size affine, the
 * acquisition order) at the dataset root, and each image's stage position.
 */
public final class ZarrscopeAttributes {
    /** The key of Zarrscope's attributes in a group's attributes. */
    public static final String KEY = "zarrscope";

    private ZarrscopeAttributes() {
    }

    /**
     * The dataset root's attributes.
     *
     * @param status {@code acquiring}, {@code complete}, {@code aborted} or {@code failed}
     */
    public static ObjectNode root(WriterSettings settings, String status) {
        ObjectNode zarrscope = ZarrJson.MAPPER.createObjectNode();
        zarrscope.put("status", status);
        zarrscope.put("frameMetadata", FrameTableKeys.FOLDER);
        zarrscope.set("summary", summary(settings));
        return zarrscope;
    }

    /** An image's attributes: its status and stage position; for a single-position dataset the root's too. */
    public static ObjectNode image(WriterSettings settings, int position, String status) {
        ObjectNode zarrscope = settings.positionCount() == 1 && settings.plate() == null ? root(settings, status)
                : ZarrJson.MAPPER.createObjectNode().put("status", status);
        StagePosition stage = settings.positions().get(position);
        ObjectNode where = zarrscope.putObject("stagePosition");
        where.put("index", position);
        where.put("name", stage.name());
        putIfKnown(where, "xUm", stage.xUm());
        putIfKnown(where, "yUm", stage.yUm());
        putIfKnown(where, "zUm", stage.zUm());
        return zarrscope;
    }

    private static ObjectNode summary(WriterSettings settings) {
        AcquisitionSummary run = settings.summary();
        ObjectNode summary = ZarrJson.MAPPER.createObjectNode();
        putIfKnown(summary, "channelGroup", run.channelGroup());
        putIfKnown(summary, "startTime", run.startTime());
        putIfKnown(summary, "prefix", run.prefix());
        putIfKnown(summary, "directory", run.directory());
        ArrayNode channels = summary.putArray("channels");
        for (ChannelInfo channel : settings.channelInfo()) {
            ObjectNode entry = channels.addObject().put("name", channel.name());
            if (channel.rgb() != null) {
                entry.put("color", String.format("%06X", channel.rgb()));
            }
        }
        summary.put("acquisitionOrder", settings.order().toString());
        putIfKnown(summary, "pixelSizeUm", settings.pixelSizeUm());
        if (settings.pixelSizeAffine() != null) {
            ArrayNode affine = summary.putArray("pixelSizeAffine");
            for (double value : settings.pixelSizeAffine()) {
                affine.add(value);
            }
        }
        putIfKnown(summary, "zStepUm", settings.zStepUm());
        putIfKnown(summary, "intervalSeconds", settings.intervalSeconds());
        if (!run.userData().isEmpty()) {
            ObjectNode userData = summary.putObject("userData");
            for (Map.Entry<String, String> entry : run.userData().entrySet()) {
                userData.put(entry.getKey(), entry.getValue());
            }
        }
        return summary;
    }

    private static void putIfKnown(ObjectNode target, String field, Double value) {
        if (value != null) {
            target.put(field, value);
        }
    }

    private static void putIfKnown(ObjectNode target, String field, String value) {
        if (value != null) {
            target.put(field, value);
        }
    }
}
