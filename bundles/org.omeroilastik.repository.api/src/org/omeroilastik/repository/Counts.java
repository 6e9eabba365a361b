package org.omeroilastik.repository;

/** What hangs off an image or a dataset: the numbers {@code browse --json} reports. */
public record Counts(int rois, int tables, int attachments, int derived, int annotations) {
    public static final Counts NONE = new Counts(0, 0, 0, 0, 0);

    public Counts plus(Counts o) {
        return new Counts(rois + o.rois, tables + o.tables, attachments + o.attachments, derived + o.derived, annotations + o.annotations);
    }
}
