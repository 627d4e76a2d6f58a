package org.zarrscope.micromanager;

/**
 * Makes a name from Micro-Manager (a run's prefix, typed by the user or set by a script) into a
 * plain folder name that stays in the folder it is put in, on every acquisition PC's file system:
 * path separators ({@code /}, {@code \}), the drive and stream mark {@code :}, the other characters
 * Windows forbids in names ({@code * ? " < > |}) and control characters each become {@code _}, and
 * so do leading dots, which would hide the folder or name the parent. Letters of any script stay.
 * The name is always followed by {@code _<N>.ome.zarr}, so it never ends in a dot or a space
 * (which Windows drops) and is never a reserved device name alone.
 *
 * <p>The one place a name becomes part of a path: stage-position, well and channel names become
 * metadata only (images are stored under position numbers, or row letters, column and field
 * numbers), and the store refuses any key that leaves the dataset folder.
 */
public final class FolderName {
    private static final String FORBIDDEN = "/\\:*?\"<>|";

    private FolderName() {
    }

    /** The name with every character that could leave the folder, or be refused by Windows, replaced by {@code _}. */
    public static String of(String name) {
        StringBuilder folder = new StringBuilder(name.length());
        boolean leading = true;
        for (int i = 0; i < name.length(); i++) {
            char character = name.charAt(i);
            leading &= character == '.';
            boolean replaced = leading || FORBIDDEN.indexOf(character) >= 0 || Character.isISOControl(character);
            folder.append(replaced ? '_' : character);
        }
        return folder.toString();
    }
}
