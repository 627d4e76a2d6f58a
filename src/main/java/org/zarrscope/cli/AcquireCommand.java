package org.zarrscope.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.zarrscope.AcquisitionOrder;
import org.zarrscope.AcquisitionSummary;
import org.zarrscope.AcquisitionWriter;
import org.zarrscope.BackPressureException;
import org.zarrscope.PixelType;
import org.zarrscope.SettingsException;
import org.zarrscope.SettingsText;
import org.zarrscope.WriterFailedException;
import org.zarrscope.WriterSettings;
import org.zarrscope.WriterStatistics;
import org.zarrscope.micromanager.HardwareException;
import org.zarrscope.micromanager.headless.AcquisitionPlan;
import org.zarrscope.micromanager.headless.CameraFormat;
import org.zarrscope.micromanager.headless.ConfigFile;
import org.zarrscope.micromanager.headless.HeadlessAcquisition;
import org.zarrscope.micromanager.headless.MicroManagerInstallation;
import org.zarrscope.micromanager.headless.Microscope;
import org.zarrscope.micromanager.headless.PositionListFile;
import org.zarrscope.micromanager.headless.PositionListFile.ListedPosition;
import org.zarrscope.micromanager.headless.PositionListFile.StageTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code zarrscope acquire}: a headless acquisition with Micro-Manager's core (no GUI), written to
 * OME-Zarr as it is acquired. Flags and input files are checked before Micro-Manager starts
 * (exit code 2); everything after is hardware and writing (exit code 1 when it fails).
 */
@Command(name = "acquire", mixinStandardHelpOptions = true,
        description = "Acquire with a Micro-Manager configuration (no GUI) and write OME-Zarr while acquiring.")
final class AcquireCommand implements Callable<Integer> {
    /** Starts MMCore: the installation's own, or a test's fake microscope. */
    interface MicroscopeConnector {
        Microscope connect(MicroManagerInstallation installation, Path config, boolean systemStateTags) throws IOException;
    }

    private final MicroscopeConnector connector;

    @Spec
    CommandSpec spec;

    @Mixin
    WriterOptions writer;

    @Option(names = "--config", required = true, description = "Micro-Manager configuration file (.cfg), e.g. "
            + "device-configs/MMConfig_demo.cfg.")
    Path config;

    @Option(names = "--mm-home", required = true, description = "Micro-Manager installation folder (holds "
            + "plugins/Micro-Manager/MMCoreJ.jar, the MMCoreJ_wrap library and the device adapters).")
    Path mmHome;

    @Option(names = "--interval-ms", defaultValue = "0", description = "Time between time points in ms; 0 is as fast "
            + "as the camera goes (default: ${DEFAULT-VALUE}).")
    double intervalMs;

    @Option(names = "--channel-group", description = "Configuration group of the channel presets (default: the "
            + "configuration's channel group).")
    String channelGroup;

    @Option(names = "--channels", split = ",", description = "Channel presets, comma-separated, e.g. DAPI,FITC "
            + "(default: no channel switching, one channel).")
    List<String> channels;

    @Option(names = "--slices", defaultValue = "1", description = "Z slices, moved with the focus device "
            + "(default: ${DEFAULT-VALUE}: no z-stack).")
    int slices;

    @Option(names = "--z-start", description = "First slice in µm, relative to the focus position (default: the "
            + "stack centred on it).")
    Double zStartUm;

    @Option(names = "--positions", description = "Micro-Manager stage position list (.pos) to visit.")
    Path positions;

    @Option(names = "--roi", description = "Camera region of interest X,Y,WIDTH,HEIGHT in sensor pixels.")
    String roi;

    @Option(names = "--buffer-mb", description = "Size of Micro-Manager's circular buffer in MB (default: MMCore's).")
    Long bufferMb;

    @Option(names = "--system-state", description = "Tag every frame with the state of every device, as "
            + "Micro-Manager does by default (slower at high frame rates).")
    boolean systemState;

    @Option(names = "--no-progress", description = "Do not show a progress bar.")
    boolean noProgress;

    AcquireCommand() {
        this((installation, file, tags) -> installation.connect(file, tags));
    }

    AcquireCommand(MicroscopeConnector connector) {
        this.connector = connector;
    }

    @Override
    public Integer call() throws Exception {
        ConfigFile configuration = readConfig();
        MicroManagerInstallation installation = installation();
        AcquisitionPlan plan = plan(configuration);
        WriterSettings settings;
        WriterStatistics statistics;
        IOException failure = null;
        long written = 0;
        StopSignals signals = null;
        try (Microscope scope = connector.connect(installation, config, systemState)) {
            if (roi != null) {
                int[] region = roi();
                scope.setRoi(region[0], region[1], region[2], region[3]);
            }
            if (bufferMb != null) {
                scope.setBufferMegabytes(bufferMb);
            }
            HeadlessAcquisition acquisition = new HeadlessAcquisition(scope, plan);
            settings = settings(scope, plan);
            spec.commandLine().getErr().println(describe(scope, plan));
            PrintWriter err = spec.commandLine().getErr();
            ProgressDisplay progress = Progress.frames(err, plan.totalFrames(), noProgress);
            try (AcquisitionWriter output = AcquisitionWriter.open(settings);
                    StopSignals stop = StopSignals.install(err, acquisition::requestStop)) {
                signals = stop;
                try {
                    try {
                        written = acquisition.run(output, progress::stepTo);
                    } finally {
                        progress.finish();
                    }
                    Progress.ending(err, output, noProgress, acquisition.stopRequested() && written < plan.totalFrames()
                            ? output::abort : output::finish);
                } catch (IOException e) {
                    failure = e;
                    Progress.ending(err, output, noProgress, output::abort);
                } catch (BackPressureException e) {
                    failure = new IOException(e.getMessage(), e);
                    Progress.ending(err, output, noProgress, output::abort);
                } catch (WriterFailedException e) {
                    WriterFailedException withOutcome = WriterFailure.reportedAtFinish(output);
                    failure = new IOException(withOutcome.getMessage(), withOutcome);
                }
                statistics = output.statistics();
            }
            Progress.written(err, statistics, noProgress);
        } catch (LinkageError e) {
            // the installation's MMCoreJ lacks, or changed, something the adapter calls
            throw new HardwareException(installation.jar() + " does not provide what Zarrscope calls (" + e
                    + "); this Micro-Manager may be older or newer than those Zarrscope supports (docs/micro-manager.md)", e);
        }
        spec.commandLine().getOut().println(Summary.of(settings, statistics));
        if (failure != null) {
            spec.commandLine().getErr().println("zarrscope: " + failure.getMessage());
            return 1;
        }
        if (signals != null && signals.stopped() && written < plan.totalFrames()) {
            return signals.reportStop(written, plan.totalFrames(), statistics.framesWritten());
        }
        return 0;
    }

    private ParameterException invalid(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private ConfigFile readConfig() {
        if (!Files.isRegularFile(config)) {
            throw invalid("--config " + config + ": there is no such file; give a Micro-Manager configuration (.cfg), "
                    + "e.g. device-configs/MMConfig_demo.cfg");
        }
        try {
            return ConfigFile.read(config);
        } catch (IOException e) {
            throw invalid("--config " + e.getMessage());
        }
    }

    private MicroManagerInstallation installation() {
        try {
            return MicroManagerInstallation.at(mmHome);
        } catch (IOException e) {
            throw invalid("--mm-home: " + e.getMessage());
        }
    }

    /** The plan from the flags, checked against the configuration file: presets and stage devices exist. */
    private AcquisitionPlan plan(ConfigFile configuration) {
        List<String> presets = channels == null ? Collections.emptyList() : channels;
        String group = channelGroup != null ? channelGroup : configuration.channelGroup();
        if (!presets.isEmpty()) {
            if (group == null) {
                throw invalid("--channels " + String.join(",", presets) + " needs --channel-group: " + config
                        + " chooses no channel group; its groups: " + configuration.presets().keySet());
            }
            List<String> defined = configuration.presets().get(group);
            if (defined == null) {
                throw invalid("--channel-group " + group + ": " + config + " has no such group; its groups: "
                        + configuration.presets().keySet());
            }
            for (String preset : presets) {
                if (!defined.contains(preset)) {
                    throw invalid("--channels: group " + group + " has no preset '" + preset + "'; its presets: " + defined);
                }
            }
        }
        List<ListedPosition> listed = positions == null ? Collections.emptyList() : positionList(configuration);
        try {
            AcquisitionPlan.Builder builder = AcquisitionPlan.builder()
                    .timePoints(writer.timePoints)
                    .intervalMs(intervalMs)
                    .channels(presets.isEmpty() ? null : group, presets)
                    .positions(listed)
                    .order(AcquisitionOrder.parse(writer.order));
            if (slices > 1) {
                if (writer.zStepUm == null) {
                    throw invalid("--slices " + slices + " needs --z-step (µm between slices)");
                }
                builder.zStack(zStartUm != null ? zStartUm : -(slices - 1) * writer.zStepUm / 2, writer.zStepUm, slices);
            } else if (slices < 1) {
                throw invalid("--slices " + slices + ": give 1 or more");
            } else if (zStartUm != null) {
                throw invalid("--z-start needs a z-stack: give --slices (2 or more) and --z-step");
            }
            return builder.build();
        } catch (SettingsException e) {
            throw invalid(e.getMessage());
        }
    }

    private List<ListedPosition> positionList(ConfigFile configuration) {
        List<ListedPosition> listed;
        try {
            listed = PositionListFile.read(positions);
        } catch (IOException e) {
            throw invalid("--positions " + (Files.exists(positions) ? e.getMessage() : positions + ": there is no such file"));
        }
        for (ListedPosition position : listed) {
            for (StageTarget target : position.targets()) {
                if (!configuration.devices().contains(target.device())) {
                    throw invalid("--positions: position " + position.label() + " moves the stage '" + target.device()
                            + "', which " + config + " does not load; its devices: " + configuration.devices());
                }
            }
        }
        return listed;
    }

    private int[] roi() {
        String[] parts = roi.split(",");
        if (parts.length != 4) {
            throw invalid("--roi '" + roi + "' is not X,Y,WIDTH,HEIGHT, e.g. 512,512,1024,1024");
        }
        int[] region = new int[4];
        try {
            for (int i = 0; i < 4; i++) {
                region[i] = SettingsText.wholeNumber("roi", parts[i]);
            }
        } catch (SettingsException e) {
            throw invalid("--roi " + e.getMessage());
        }
        return region;
    }

    /** Writer settings from the flags, the plan and what the camera and the pixel size calibration report. */
    private WriterSettings settings(Microscope scope, AcquisitionPlan plan) throws IOException {
        CameraFormat format = scope.cameraFormat();
        PixelType pixelType = format.pixelType();
        double[] affine = writer.pixelSizeUm == null ? scope.pixelSizeAffine() : null;
        Double pixelSize = writer.pixelSizeUm != null ? writer.pixelSizeUm : scope.pixelSizeUm();
        AcquisitionSummary.Builder summary = AcquisitionSummary.builder()
                .startTime(OffsetDateTime.now().toString())
                .userData("Micro-Manager configuration", config.toAbsolutePath().normalize().toString());
        if (plan.channelGroup() != null) {
            summary.channelGroup(plan.channelGroup());
        }
        try {
            WriterSettings.Builder builder = writer.builder(false).channels(plan.channelCount()).zSlices(plan.zSlices())
                    .frameSize(format.width(), format.height()).pixelType(pixelType)
                    .intervalSeconds(plan.intervalMs() > 0 ? plan.intervalMs() / 1000 : null)
                    .pixelSizeUm(pixelSize).pixelSizeAffine(affine).summary(summary.build());
            if (!plan.channels().isEmpty()) {
                builder.channelInfo(plan.channelInfo());
            }
            if (!plan.positions().isEmpty()) {
                builder.positions(plan.stagePositions(scope.focusDevice()));
            }
            return builder.build();
        } catch (SettingsException e) {
            throw invalid(e.getMessage());
        }
    }

    private String describe(Microscope scope, AcquisitionPlan plan) throws IOException {
        CameraFormat format = scope.cameraFormat();
        List<String> loops = new ArrayList<>();
        loops.add(plan.timePoints() + " time points" + (plan.intervalMs() > 0 ? " every " + plan.intervalMs() + " ms" : ""));
        if (!plan.channels().isEmpty()) {
            loops.add(plan.channels().size() + " channels " + plan.channels());
        }
        if (plan.zSlices() > 1) {
            loops.add(plan.zSlices() + " slices");
        }
        if (!plan.positions().isEmpty()) {
            loops.add(plan.positions().size() + " positions");
        }
        return String.format(Locale.ROOT, "camera %s: %d x %d %s, exposure %.3f ms; circular buffer %d MB; per-frame "
                        + "device state %s%nacquiring %s (%d frames, order %s)", scope.cameraName(), format.width(),
                format.height(), format.pixelType().cliName(), scope.exposureMs(), scope.bufferMegabytes(),
                scope.tagsFramesWithSystemState() ? "on" + (systemState ? "" : " (this MMCoreJ cannot turn it off)")
                        : "off", String.join(", ", loops), plan.totalFrames(), plan.order());
    }
}
