package org.omeroilastik.jobs;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a job writes back to the repository. {@link #MASKS} adds a mask shape to every ROI beside
 * its polygon (and implies ROIs); it is not part of the default.
 */
public enum WriteBack {
    ROIS, PROBABILITIES, SEGMENTATION, TABLE, PROJECT, PROVENANCE, MASKS;

    /** The default: everything but masks. */
    public static Set<WriteBack> all() {
        return EnumSet.complementOf(EnumSet.of(MASKS));
    }

    /** Parses "rois,probabilities,...". */
    public static Set<WriteBack> parse(String list) {
        Set<WriteBack> out = EnumSet.noneOf(WriteBack.class);
        for (String s : list.split(",")) {
            if (!s.isBlank()) {
                try {
                    out.add(valueOf(s.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("unknown write-back '" + s.strip() + "' (rois, probabilities, segmentation, table, project, provenance, masks)");
                }
            }
        }
        return out;
    }
}
