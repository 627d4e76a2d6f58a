package org.zarrscope.micromanager.acqengj;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import mmcorej.CMMCore;
import mmcorej.TaggedImage;
import mmcorej.org.json.JSONObject;
import org.micromanager.acqj.api.AcqEngJDataSink;
import org.micromanager.acqj.main.Acquisition;
import org.zarrscope.AcquisitionWriter;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.WriterStatistics;
import org.zarrscope.micromanager.UniqueName;
import org.zarrscope.micromanager.mda.MdaJson;
import org.zarrscope.micromanager.mda.MdaSettings;
import org.zarrscope.micromanager.mda.MdaSummary;
import org.zarrscope.micromanager.mda.SaveOptions;

/**
 * Saves an AcqEngJ acquisition as OME-Zarr: {@code new Acquisition(new AcqEngJSink(...))} from
 * Java, Beanshell or Python (pycro-manager's Java bridge).
 *
 * <p>AcqEngJ learns an acquisition's axes image by image, but a dataset needs its z, channel and
 * position counts before the first image: the caller declares them in an {@link MdaSummary}
 * (intended dimensions, channel names, axis order, stage positions). A time axis not declared is
 * open-ended and grows with the images. The rest comes from AcqEngJ's summary at
 * {@link #initialize}: pixel type, pixel size and affine, start date (and the frame size, from
 * the summary or else the core).
 *
 * <p>{@link #putImage} is called by AcqEngJ's single saving thread: it reads the image's
 * {@code Axes} (AcqEngJ names channels by their preset: the name's place in the declared channel
 * names is its index, or, without names, the order in which channels first appear), hands
 * pixels and metadata to the writer and returns after one copy, without waiting for
 * compression or the disk (unless the writer's memory budget is full). Its return value, which
 * AcqEngJ posts as the image-saved notification, is the image's {@code Axes}; the image is then
 * accepted, and on disk once {@link #finish} has returned. An image that cannot be saved throws,
 * which makes AcqEngJ abort the acquisition rather than lose it silently.
 */
public final class AcqEngJSink implements AcqEngJDataSink {
    private final Path output;
    private final MdaSummary declared;
    private final SaveOptions options;
    private AcqEngJAxes axes;
    private AcquisitionWriter writer;
    private Acquisition acquisition;
    private volatile boolean anythingAcquired;
    private volatile boolean finished;

    /**
     * @param output   the dataset folder, which must not hold data yet (see {@link UniqueName#next})
     * @param declared the acquisition's axes and sizes as far as known before it starts
     */
    public AcqEngJSink(Path output, MdaSummary declared, SaveOptions options) {
        this.output = output;
        this.declared = declared;
        this.options = options;
    }

    /** Opens the dataset: AcqEngJ calls this before the first image. */
    @Override
    public void initialize(Acquisition acq, JSONObject summaryMetadata) {
        acquisition = acq;
        MdaSummary summary = merged(MdaJson.summary(summaryMetadata), acq == null ? null : acq.core_);
        try {
            writer = AcquisitionWriter.open(MdaSettings.writerSettings(summary, options, output));
            axes = new AcqEngJAxes(summary, writer.settings().channels());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + output + " for the acquisition: " + e.getMessage(), e);
        }
    }

    /**
     * The declared summary, completed with what AcqEngJ's summary knows; the frame size, which
     * AcqEngJ's summary lacks, from the core when the summary has none.
     */
    private MdaSummary merged(MdaSummary fromAcqEngJ, CMMCore core) {
        MdaSummary.Builder b = declared.toBuilder();
        if (declared.pixelType() == null) {
            b.pixelType(fromAcqEngJ.pixelType());
        }
        if (declared.pixelSizeUm() == null) {
            b.pixelSizeUm(fromAcqEngJ.pixelSizeUm());
        }
        if (declared.pixelSizeAffine() == null) {
            b.pixelSizeAffine(fromAcqEngJ.pixelSizeAffine());
        }
        if (declared.startDate() == null) {
            b.startDate(fromAcqEngJ.startDate());
        }
        if (declared.width() == null) {
            if (fromAcqEngJ.width() != null) {
                b.frameSize(fromAcqEngJ.width(), fromAcqEngJ.height());
            } else if (core != null) {
                b.frameSize((int) core.getImageWidth(), (int) core.getImageHeight());
            }
        }
        fromAcqEngJ.userData().forEach((key, value) -> {
            if (!declared.userData().containsKey(key)) {
                b.userData(key, value);
            }
        });
        return b.build();
    }

    /** Hands the image to the writer and returns its {@code Axes} as JSON text. */
    @Override
    public Object putImage(TaggedImage image) {
        anythingAcquired = true;
        if (writer == null) {
            throw new IllegalStateException("an image arrived before the sink for " + output + " was initialized");
        }
        FrameCoordinates frame = axes.toFrame(MdaJson.axes(image.tags));
        writer.handOver(frame, image.pix, MdaJson.frameMetadata(image.tags).toFrameMetadata());
        return image.tags.optJSONObject("Axes").toString();
    }

    /**
     * Writes everything accepted and the final metadata; blocks until the data is on disk. An
     * aborted acquisition is marked aborted in the dataset.
     *
     * @throws UncheckedIOException if the dataset could not be completed
     */
    @Override
    public void finish() {
        try {
            if (writer != null) {
                if (acquisition != null && acquisition.isAbortRequested()) {
                    writer.abort();
                } else {
                    writer.finish();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot complete " + output + ": " + e.getMessage(), e);
        } finally {
            finished = true;
        }
    }

    /** Whether {@link #finish} has run: every image accepted is then on disk. */
    @Override
    public boolean isFinished() {
        return finished;
    }

    @Override
    public boolean anythingAcquired() {
        return anythingAcquired;
    }

    /** The writer's counters, or {@code null} before {@link #initialize}. */
    public WriterStatistics statistics() {
        return writer == null ? null : writer.statistics();
    }
}
