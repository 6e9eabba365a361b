package org.omeroilastik.jobs;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** What a job writes back to the repository. */
public enum WriteBack {
    ROIS, PROBABILITIES, SEGMENTATION, TABLE, PROJECT, PROVENANCE;

    public static Set<WriteBack> all() {
        return EnumSet.allOf(WriteBack.class);
    }

    /** Parses "rois,probabilities,...". */
    public static Set<WriteBack> parse(String list) {
        Set<WriteBack> out = EnumSet.noneOf(WriteBack.class);
        for (String s : list.split(",")) {
            if (!s.isBlank()) {
                try {
                    out.add(valueOf(s.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("unknown write-back '" + s.strip() + "' (rois, probabilities, segmentation, table, project, provenance)");
                }
            }
        }
        return out;
    }
}
