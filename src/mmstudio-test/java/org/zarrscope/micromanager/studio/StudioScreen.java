package org.zarrscope.micromanager.studio;

import java.awt.Component;
import java.awt.Container;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Window;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import javax.imageio.ImageIO;
import javax.swing.SwingUtilities;

/**
 * What a user sees and does on MMStudio's screen, for the end-to-end driver: finding windows and
 * components, acting on them on the event dispatch thread, and screenshots.
 */
final class StudioScreen {
    private StudioScreen() {
    }

    /** Runs {@code task} on the event dispatch thread and returns its result. */
    static <T> T onEdt(Callable<T> task) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            try {
                result.set(task.call());
            } catch (Exception e) {
                failure.set(e);
            }
        });
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }

    /** Polls {@code probe} until it gives a value, or fails naming {@code what}. */
    static <T> T await(String what, long timeoutMs, Callable<T> probe) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (true) {
            T value = probe.call();
            if (value != null) {
                return value;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("no " + what + " within " + timeoutMs + " ms");
            }
            Thread.sleep(100);
        }
    }

    /** A showing window with a component that matches, or null. */
    static Window showingWindowWith(Predicate<Component> component) throws Exception {
        return onEdt(() -> {
            for (Window window : Window.getWindows()) {
                if (window.isShowing() && find(window, component) != null) {
                    return window;
                }
            }
            return null;
        });
    }

    /** The first component of {@code root}'s tree (root included) that matches, or null. */
    static Component find(Component root, Predicate<Component> matches) {
        if (matches.test(root)) {
            return root;
        }
        if (root instanceof Container) {
            for (Component child : ((Container) root).getComponents()) {
                Component found = find(child, matches);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** What is on the screen inside {@code component}, as the X server shows it, or null when it is not showing. */
    static BufferedImage capture(Component component) throws Exception {
        Rectangle bounds = onEdt(() -> component.isShowing()
                ? new Rectangle(component.getLocationOnScreen(), component.getSize()) : null);
        return bounds == null ? null : new Robot().createScreenCapture(bounds);
    }

    static void save(BufferedImage image, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        ImageIO.write(image, "png", file.toFile());
    }

    /** Distinct RGB values: a drawn camera image has hundreds, an empty canvas or a message a handful. */
    static int colours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                colours.add(image.getRGB(x, y) & 0xFFFFFF);
            }
        }
        return colours.size();
    }
}
