package org.omeroilastik.model.repository;

import java.util.List;

/** An OMERO Well at a row and column of its plate, with the ids of its field images. */
public record Well(long id, int row, int column, List<Long> fieldImageIds) implements RepositoryObject {
    public Well {
        fieldImageIds = List.copyOf(fieldImageIds);
        if (row < 0 || column < 0) {
            throw new IllegalArgumentException("negative well position " + row + "," + column);
        }
    }

    /** The usual well name: row letter(s) and 1-based column, for example {@code B03}. */
    @Override
    public String name() {
        StringBuilder letters = new StringBuilder();
        int r = row;
        do {
            letters.insert(0, (char) ('A' + r % 26));
            r = r / 26 - 1;
        } while (r >= 0);
        return letters + String.format("%02d", column + 1);
    }
}
