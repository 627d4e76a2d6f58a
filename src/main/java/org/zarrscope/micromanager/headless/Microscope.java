package org.zarrscope.micromanager.headless;

import org.zarrscope.micromanager.HardwareException;

/**
 * A microscope as a headless acquisition drives it: the camera's sequence, configuration
 * presets, stages, and what the camera reports. {@code mmcore.MMCoreMicroscope} implements it with
 * MMCore (the only class that calls MMCoreJ); tests implement it with a fake, so everything that
 * decides what to do with the hardware runs in CI.
 *
 * <p>Stage positions are in micrometres; device names are the labels of the configuration file.
 */
public interface Microscope extends SequenceSource, AutoCloseable {
    /** The camera's current frame format. */
    CameraFormat cameraFormat();

    /** The camera's device label. */
    String cameraName();

    /** The camera's exposure in milliseconds. */
    double exposureMs() throws HardwareException;

    /** The pixel size of the current objective and binning in µm, or null when no pixel size preset matches. */
    Double pixelSizeUm();

    /** Micro-Manager's 2 × 3 pixel-to-stage affine transform (a, b, tx, c, d, ty), or null when none is set. */
    double[] pixelSizeAffine() throws HardwareException;

    /** The label of the focus device (the core's Focus role), or null when there is none. */
    String focusDevice();

    /** The label of the XY stage (the core's XYStage role), or null when there is none. */
    String xyStageDevice();

    /** Applies a preset of a configuration group (e.g. group Channel, preset DAPI) and waits for its devices. */
    void applyPreset(String group, String preset) throws HardwareException;

    /** Moves a single-axis stage (e.g. the focus drive) and waits until it arrives. */
    void moveStage(String device, double positionUm) throws HardwareException;

    /** Where a single-axis stage reports it is. */
    double stagePosition(String device) throws HardwareException;

    /** Moves an XY stage and waits until it arrives. */
    void moveXYStage(String device, double xUm, double yUm) throws HardwareException;

    /** Where an XY stage reports it is: {x, y}. */
    double[] xyStagePosition(String device) throws HardwareException;

    /** Restricts the camera to a region of interest (in unbinned sensor pixels as Micro-Manager counts them). */
    void setRoi(int x, int y, int width, int height) throws HardwareException;

    /** Sizes Micro-Manager's circular buffer, the RAM between camera and writer. */
    void setBufferMegabytes(long megabytes) throws HardwareException;

    /** The circular buffer's size. */
    long bufferMegabytes();

    /**
     * Whether every frame carries the state of every device (MMCore's system state cache), which
     * costs time per frame. Off unless asked for, or unless this MMCoreJ cannot turn it off.
     */
    boolean tagsFramesWithSystemState();

    /** Stops the camera if it runs and unloads the devices. */
    @Override
    void close() throws HardwareException;
}
