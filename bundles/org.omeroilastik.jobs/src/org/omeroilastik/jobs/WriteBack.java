package org.omeroilastik.jobs;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.omeroilastik.engine.workflows.ExportSource;

/**
 * What a job writes back to the repository. Not in the default: {@link #MASKS} (a mask shape on
 * every ROI beside its polygon; implies ROIs), and the derived images {@link #UNCERTAINTY} and
 * {@link #FEATURES} (ilastik's export sources of those names, asked for with --export-source).
 */
public enum WriteBack {
    ROIS, PROBABILITIES(ExportSource.PROBABILITIES), SEGMENTATION(ExportSource.SIMPLE_SEGMENTATION), TABLE, PROJECT, PROVENANCE, MASKS,
    UNCERTAINTY(ExportSource.UNCERTAINTY), FEATURES(ExportSource.FEATURES);

    private final ExportSource derivedImage;

    WriteBack() {
        this(null);
    }

    WriteBack(ExportSource derivedImage) {
        this.derivedImage = derivedImage;
    }

    /** The export source written as a derived image for this kind, if it is one. */
    public Optional<ExportSource> derivedImage() {
        return Optional.ofNullable(derivedImage);
    }

    /** The write-back of an ilastik export source (its ilastik name), for --export-source. */
    public static WriteBack ofExportSource(String name) {
        ExportSource export = ExportSource.parse(name).orElse(null);
        for (WriteBack w : values()) {
            if (w.derivedImage != null && w.derivedImage == export) {
                return w;
            }
        }
        throw new IllegalArgumentException("export source '" + name + "' cannot be written back (Probabilities, Simple Segmentation, "
                + "Uncertainty, Features)");
    }

    /** The default: ROIs, probabilities, segmentation, table, project and provenance. */
    public static Set<WriteBack> all() {
        return EnumSet.of(ROIS, PROBABILITIES, SEGMENTATION, TABLE, PROJECT, PROVENANCE);
    }

    /** Parses "rois,probabilities,...". */
    public static Set<WriteBack> parse(String list) {
        Set<WriteBack> out = EnumSet.noneOf(WriteBack.class);
        for (String s : list.split(",")) {
            if (!s.isBlank()) {
                try {
                    out.add(valueOf(s.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("unknown write-back '" + s.strip() + "' (rois, probabilities, segmentation, table, project, provenance, masks, uncertainty, features)");
                }
            }
        }
        return out;
    }
}
