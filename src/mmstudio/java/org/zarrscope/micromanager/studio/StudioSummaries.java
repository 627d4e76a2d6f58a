package org.zarrscope.micromanager.studio;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.micromanager.MultiStagePosition;
import org.micromanager.PropertyMap;
import org.micromanager.data.Coords;
import org.micromanager.data.DataManager;
import org.micromanager.data.SummaryMetadata;
import org.zarrscope.StagePosition;
import org.zarrscope.micromanager.mda.MdaSummary;

/**
 * mmstudio's {@code SummaryMetadata} to {@link MdaSummary} and back, field by field. Channel
 * colours are not in Micro-Manager's summary; the MDA's channel settings give them.
 */
final class StudioSummaries {
    private StudioSummaries() {
    }

    /** @param channelColors 0xRRGGBB by channel name (the MDA's channel presets), where known */
    static MdaSummary summary(SummaryMetadata summary, Map<String, Integer> channelColors) {
        MdaSummary.Builder b = MdaSummary.builder()
                .orderedAxes(summary.getOrderedAxes())
                .channelGroup(summary.getChannelGroup())
                .zStepUm(summary.getZStepUm())
                .intervalMs(summary.getWaitInterval())
                .prefix(summary.getPrefix())
                .directory(summary.getDirectory())
                .startDate(summary.getStartDate());
        Coords intended = summary.getIntendedDimensions();
        if (intended != null) {
            StudioImages.coordinates(intended).forEach(b::intended);
        }
        for (String name : summary.getChannelNameList()) {
            b.channel(name, channelColors.get(name));
        }
        for (MultiStagePosition position : summary.getStagePositionList()) {
            b.stagePosition(stagePosition(position));
        }
        PropertyMap userData = summary.getUserData();
        if (userData != null) {
            for (String key : userData.keySet()) {
                b.userData(key, userData.getValueAsString(key, null));
            }
        }
        return b.build();
    }

    /** Micro-Manager reports 0 for the coordinates of a stage the position does not name: those are unknown. */
    private static StagePosition stagePosition(MultiStagePosition position) {
        boolean hasXy = position.getDefaultXYStage() != null && !position.getDefaultXYStage().isEmpty();
        boolean hasZ = position.getDefaultZStage() != null && !position.getDefaultZStage().isEmpty();
        return new StagePosition(position.getLabel(), hasXy ? position.getX() : null, hasXy ? position.getY() : null,
                hasZ ? position.getZ() : null);
    }

    /**
     * The summary Micro-Manager's viewer needs for a dataset opened from disk. A dataset with no
     * recorded channel group gets {@code ""}: the viewer's channel display settings compare group
     * names without a null check (a null group threw in {@code DefaultChannelDisplaySettings.equals}).
     */
    static SummaryMetadata summaryMetadata(MdaSummary summary, DataManager data) {
        List<MultiStagePosition> positions = new ArrayList<>();
        for (StagePosition position : summary.stagePositions()) {
            MultiStagePosition labelled = new MultiStagePosition();
            labelled.setLabel(position.name());
            positions.add(labelled);
        }
        return data.summaryMetadataBuilder()
                .axisOrder(summary.orderedAxes())
                .intendedDimensions(StudioImages.coords(summary.intendedDimensions(), data))
                .channelGroup(summary.channelGroup() == null ? "" : summary.channelGroup())
                .channelNames(summary.channelNames())
                .imageWidth(summary.width())
                .imageHeight(summary.height())
                .zStepUm(summary.zStepUm())
                .waitInterval(summary.intervalMs())
                .stagePositions(positions)
                .prefix(summary.prefix())
                .directory(summary.directory())
                .startDate(summary.startDate())
                .userData(StudioImages.propertyMap(summary.userData()))
                .build();
    }
}
