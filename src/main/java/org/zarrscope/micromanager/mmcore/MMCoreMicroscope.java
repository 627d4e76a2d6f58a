package org.zarrscope.micromanager.mmcore;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import mmcorej.CMMCore;
import mmcorej.StrVector;
import mmcorej.TaggedImage;
import mmcorej.org.json.JSONObject;
import org.zarrscope.micromanager.HardwareException;
import org.zarrscope.micromanager.PixelSizeAffine;
import org.zarrscope.micromanager.headless.CameraFormat;
import org.zarrscope.micromanager.headless.MicroManagerInstallation;
import org.zarrscope.micromanager.headless.Microscope;
import org.zarrscope.micromanager.headless.SequenceFrame;

/**
 * {@link Microscope} on MMCore: the one class that calls MMCoreJ. It is compiled against
 * MMCoreJ 10.1.1.0 and runs against the installation's {@code MMCoreJ.jar}, loaded by
 * {@link MicroManagerInstallation}; so it calls only methods whose Java signatures are the same
 * in old and new MMCoreJ builds, and reaches the others reflectively: {@code StrVector.add}
 * returns {@code void} in SWIG 3 builds and {@code boolean} in SWIG 4 ones, and
 * {@code setIncludeSystemStateCache} does not exist in older builds such as 10.1.1.0.
 *
 * <p>Each method is one or two MMCore calls; errors become {@link HardwareException}s naming
 * the call and carrying MMCore's message.
 *
 * <p>This package is loaded by the installation's class loader, not by the one that loaded the
 * rest of Zarrscope, so at run time it is a package of its own even where Java's package names
 * say otherwise: it may reach only public types of Zarrscope. Keeping it a separate package makes
 * the compiler enforce that.
 */
public final class MMCoreMicroscope implements Microscope {
    private final CMMCore core;
    private final boolean systemStateTags;

    /**
     * Starts MMCore, makes it find device adapters in {@code mmHome} and loads the configuration.
     *
     * @param systemStateTags whether every frame should carry the state of every device
     */
    public MMCoreMicroscope(String mmHome, String configFile, boolean systemStateTags) throws HardwareException {
        core = new CMMCore();
        try {
            StrVector searchPaths = new StrVector();
            searchPaths.getClass().getMethod("add", String.class).invoke(searchPaths, mmHome);
            core.setDeviceAdapterSearchPaths(searchPaths);
        } catch (ReflectiveOperationException e) {
            throw new HardwareException("could not give MMCore the device adapter folder " + mmHome, unwrap(e));
        }
        this.systemStateTags = systemStateTags || !includeSystemStateCache(false);
        try {
            core.loadSystemConfiguration(configFile);
        } catch (Exception e) {
            HardwareException failure = new HardwareException("Micro-Manager could not load the configuration "
                    + configFile + ": " + e.getMessage(), e);
            try {
                core.unloadAllDevices(); // release the devices that did load (a camera, a serial port)
            } catch (Exception unload) {
                failure.addSuppressed(unload);
            }
            throw failure;
        }
    }

    /** MMCoreJ's {@code setIncludeSystemStateCache}, where it exists; returns whether it does. */
    private boolean includeSystemStateCache(boolean include) throws HardwareException {
        Method method;
        try {
            method = CMMCore.class.getMethod("setIncludeSystemStateCache", boolean.class);
        } catch (NoSuchMethodException e) {
            return false; // older MMCoreJ always includes it; tagsFramesWithSystemState() says so
        }
        try {
            method.invoke(core, include);
            return true;
        } catch (ReflectiveOperationException e) {
            throw new HardwareException("MMCore refused setIncludeSystemStateCache(" + include + ")", unwrap(e));
        }
    }

    private static Throwable unwrap(ReflectiveOperationException e) {
        return e instanceof InvocationTargetException ? e.getCause() : e;
    }

    private static HardwareException failed(String call, Exception e) {
        return new HardwareException("Micro-Manager " + call + " failed: " + e.getMessage(), e);
    }

    @Override
    public CameraFormat cameraFormat() {
        return new CameraFormat((int) core.getImageWidth(), (int) core.getImageHeight(), (int) core.getBytesPerPixel(),
                (int) core.getNumberOfComponents(), (int) core.getNumberOfCameraChannels());
    }

    @Override
    public String cameraName() {
        return core.getCameraDevice();
    }

    @Override
    public double exposureMs() throws HardwareException {
        try {
            return core.getExposure();
        } catch (Exception e) {
            throw failed("getExposure", e);
        }
    }

    @Override
    public Double pixelSizeUm() {
        double size = core.getPixelSizeUm(true);
        return size > 0 ? size : null;
    }

    @Override
    public double[] pixelSizeAffine() throws HardwareException {
        String text;
        try {
            text = core.getPixelSizeAffineAsString();
        } catch (Exception e) {
            throw failed("getPixelSizeAffineAsString", e);
        }
        return PixelSizeAffine.parse(text);
    }

    @Override
    public String focusDevice() {
        String focus = core.getFocusDevice();
        return focus == null || focus.isEmpty() ? null : focus;
    }

    @Override
    public String xyStageDevice() {
        String stage = core.getXYStageDevice();
        return stage == null || stage.isEmpty() ? null : stage;
    }

    @Override
    public void applyPreset(String group, String preset) throws HardwareException {
        try {
            core.setConfig(group, preset);
            core.waitForConfig(group, preset);
        } catch (Exception e) {
            throw failed("setConfig(" + group + ", " + preset + ")", e);
        }
    }

    @Override
    public void moveStage(String device, double positionUm) throws HardwareException {
        try {
            core.setPosition(device, positionUm);
            core.waitForDevice(device);
        } catch (Exception e) {
            throw failed("setPosition(" + device + ", " + positionUm + ")", e);
        }
    }

    @Override
    public double stagePosition(String device) throws HardwareException {
        try {
            return core.getPosition(device);
        } catch (Exception e) {
            throw failed("getPosition(" + device + ")", e);
        }
    }

    @Override
    public void moveXYStage(String device, double xUm, double yUm) throws HardwareException {
        try {
            core.setXYPosition(device, xUm, yUm);
            core.waitForDevice(device);
        } catch (Exception e) {
            throw failed("setXYPosition(" + device + ", " + xUm + ", " + yUm + ")", e);
        }
    }

    @Override
    public double[] xyStagePosition(String device) throws HardwareException {
        try {
            return new double[] {core.getXPosition(device), core.getYPosition(device)};
        } catch (Exception e) {
            throw failed("getXPosition/getYPosition(" + device + ")", e);
        }
    }

    @Override
    public void setRoi(int x, int y, int width, int height) throws HardwareException {
        try {
            core.setROI(x, y, width, height);
        } catch (Exception e) {
            throw failed("setROI(" + x + ", " + y + ", " + width + ", " + height + ")", e);
        }
    }

    @Override
    public void setBufferMegabytes(long megabytes) throws HardwareException {
        try {
            core.setCircularBufferMemoryFootprint(megabytes);
        } catch (Exception e) {
            throw failed("setCircularBufferMemoryFootprint(" + megabytes + ")", e);
        }
    }

    @Override
    public long bufferMegabytes() {
        return core.getCircularBufferMemoryFootprint();
    }

    @Override
    public boolean tagsFramesWithSystemState() {
        return systemStateTags;
    }

    @Override
    public void start(int frames, double intervalMs) throws HardwareException {
        try {
            core.startSequenceAcquisition(frames, intervalMs, true);
        } catch (Exception e) {
            throw failed("startSequenceAcquisition(" + frames + ", " + intervalMs + ", stopOnOverflow)", e);
        }
    }

    @Override
    public int framesWaiting() {
        return core.getRemainingImageCount();
    }

    @Override
    public SequenceFrame nextFrame() throws HardwareException {
        TaggedImage image;
        try {
            image = core.popNextTaggedImage();
        } catch (Exception e) {
            throw failed("popNextTaggedImage", e);
        }
        Map<String, String> tags = new LinkedHashMap<>();
        JSONObject json = image.tags;
        for (Iterator<String> keys = json.keys(); keys.hasNext();) {
            String key = keys.next();
            tags.put(key, String.valueOf(json.opt(key)));
        }
        return new SequenceFrame(image.pix, tags);
    }

    @Override
    public boolean isRunning() {
        return core.isSequenceRunning();
    }

    @Override
    public boolean overflowed() {
        return core.isBufferOverflowed();
    }

    @Override
    public void stop() throws HardwareException {
        try {
            core.stopSequenceAcquisition();
        } catch (Exception e) {
            throw failed("stopSequenceAcquisition", e);
        }
    }

    @Override
    public void close() throws HardwareException {
        try {
            if (core.isSequenceRunning()) {
                core.stopSequenceAcquisition();
            }
            core.unloadAllDevices();
        } catch (Exception e) {
            throw failed("unloadAllDevices", e);
        }
    }
}
