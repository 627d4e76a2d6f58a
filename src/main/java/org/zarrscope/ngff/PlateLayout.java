package org.zarrscope.ngff;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HCS plate recognised from stage-position names as Micro-Manager's HCS site generator makes
 * them: {@code <row letters><column number>-Site_<n>}, e.g. {@code A1-Site_0}, {@code H12-Site_3},
 * {@code AF48-Site_0} on a 1536-well plate. Each position is one field of view of a well, stored at
 * {@code <row>/<column>/<field>} as OME-NGFF's plate layout asks.
 *
 * <p>Rows and columns run from the first (A, 1) to the last one used, so the plate's grid keeps
 * its geometry even when only some wells were imaged; fields are numbered in site order within
 * each well.
 */
public final class PlateLayout {
    private static final Pattern SITE = Pattern.compile("([A-Z]{1,2})(\\d{1,3})-Site_(\\d+)");

    private final List<String> rows;
    private final List<String> columns;
    private final List<Well> wells;
    private final String[] imagePaths;

    private PlateLayout(List<String> rows, List<String> columns, List<Well> wells, String[] imagePaths) {
        this.rows = Collections.unmodifiableList(rows);
        this.columns = Collections.unmodifiableList(columns);
        this.wells = Collections.unmodifiableList(wells);
        this.imagePaths = imagePaths;
    }

    /** One imaged well: its row and column (names and indices) and the positions that are its fields, in field order. */
    public static final class Well {
        private final String row;
        private final int rowIndex;
        private final String column;
        private final int columnIndex;
        private final List<Integer> positions;

        Well(String row, int rowIndex, String column, int columnIndex, List<Integer> positions) {
            this.row = row;
            this.rowIndex = rowIndex;
            this.column = column;
            this.columnIndex = columnIndex;
            this.positions = Collections.unmodifiableList(positions);
        }

        public String row() { return row; }

        public int rowIndex() { return rowIndex; }

        public String column() { return column; }

        public int columnIndex() { return columnIndex; }

        /** The well's group, e.g. {@code B/3}. */
        public String path() { return row + "/" + column; }

        /** Stage-position indices of the fields, field 0 first. */
        public List<Integer> positions() { return positions; }
    }

    /**
     * The plate these positions image, or {@code null} when not every name is a distinct HCS site
     * (then the positions are stored as separate images).
     */
    public static PlateLayout fromPositionNames(List<String> names) {
        Map<Integer, Map<Integer, Map<Integer, Integer>>> sites = new TreeMap<>(); // row → column → site → position
        int lastRow = 0;
        int lastColumn = 0;
        for (int position = 0; position < names.size(); position++) {
            Matcher matcher = SITE.matcher(names.get(position));
            if (!matcher.matches()) {
                return null;
            }
            int row = rowIndex(matcher.group(1));
            int column = Integer.parseInt(matcher.group(2)) - 1;
            int site = Integer.parseInt(matcher.group(3));
            if (column < 0) {
                return null;
            }
            Integer previous = sites.computeIfAbsent(row, r -> new TreeMap<>()).computeIfAbsent(column, c -> new TreeMap<>())
                    .put(site, position);
            if (previous != null) {
                return null; // the same site twice: not a plate scan we can lay out
            }
            lastRow = Math.max(lastRow, row);
            lastColumn = Math.max(lastColumn, column);
        }
        if (names.isEmpty()) {
            return null;
        }
        List<String> rows = new ArrayList<>();
        for (int row = 0; row <= lastRow; row++) {
            rows.add(rowName(row));
        }
        List<String> columns = new ArrayList<>();
        for (int column = 0; column <= lastColumn; column++) {
            columns.add(String.valueOf(column + 1));
        }
        List<Well> wells = new ArrayList<>();
        String[] imagePaths = new String[names.size()];
        for (Map.Entry<Integer, Map<Integer, Map<Integer, Integer>>> row : sites.entrySet()) {
            for (Map.Entry<Integer, Map<Integer, Integer>> column : row.getValue().entrySet()) {
                Well well = new Well(rows.get(row.getKey()), row.getKey(), columns.get(column.getKey()), column.getKey(),
                        new ArrayList<>(column.getValue().values()));
                for (int field = 0; field < well.positions().size(); field++) {
                    imagePaths[well.positions().get(field)] = well.path() + "/" + field;
                }
                wells.add(well);
            }
        }
        return new PlateLayout(rows, columns, wells, imagePaths);
    }

    /** Row letters to index: A → 0, Z → 25, AA → 26 (1536-well plates have 32 rows). */
    private static int rowIndex(String letters) {
        int index = 0;
        for (char letter : letters.toCharArray()) {
            index = index * 26 + (letter - 'A' + 1);
        }
        return index - 1;
    }

    private static String rowName(int index) {
        return index < 26 ? String.valueOf((char) ('A' + index))
                : String.valueOf((char) ('A' + index / 26 - 1)) + (char) ('A' + index % 26);
    }

    /** Row names, A to the last row imaged. */
    public List<String> rows() { return rows; }

    /** Column names, 1 to the last column imaged. */
    public List<String> columns() { return columns; }

    /** The imaged wells, row by row. */
    public List<Well> wells() { return wells; }

    /** The most fields any well has. */
    public int maxFieldsPerWell() {
        int fields = 0;
        for (Well well : wells) {
            fields = Math.max(fields, well.positions().size());
        }
        return fields;
    }

    /** The image group of a stage position: {@code <row>/<column>/<field>}. */
    public String imagePath(int position) {
        return imagePaths[position];
    }
}
