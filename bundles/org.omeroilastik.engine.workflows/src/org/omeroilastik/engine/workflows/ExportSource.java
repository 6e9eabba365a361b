package org.omeroilastik.engine.workflows;

import java.util.Locale;
import java.util.Optional;

/** What a run exports, with ilastik's names (its {@code --export_source} values). */
public enum ExportSource {
    PROBABILITIES("Probabilities"),
    SIMPLE_SEGMENTATION("Simple Segmentation"),
    UNCERTAINTY("Uncertainty"),
    FEATURES("Features"),
    LABELS("Labels"),
    PROBABILITIES_STAGE_1("Probabilities Stage 1"),
    PROBABILITIES_STAGE_2("Probabilities Stage 2");

    private final String ilastikName;

    ExportSource(String ilastikName) {
        this.ilastikName = ilastikName;
    }

    public String ilastikName() {
        return ilastikName;
    }

    /** The {@code {result_type}} of ilastik's output file name pattern, e.g. {@code Simple Segmentation}. */
    public String resultType() {
        return ilastikName;
    }

    /** Parses ilastik's name, case and space/underscore/hyphen insensitively. */
    public static Optional<ExportSource> parse(String name) {
        String key = name.toLowerCase(Locale.ROOT).replaceAll("[\\s_-]+", " ").strip();
        for (ExportSource s : values()) {
            if (s.ilastikName.toLowerCase(Locale.ROOT).equals(key)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
