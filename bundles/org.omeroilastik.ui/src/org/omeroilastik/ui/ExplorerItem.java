package org.omeroilastik.ui;

import java.util.Locale;

/**
 * A data explorer item handed to other parts of the workbench (dragged onto a job, or the selection a
 * "New ilastik job…" starts from): a container or an image of a repository.
 *
 * @param source the repository, e.g. {@code local:/data/repo}
 * @param kind "dataset", "plate", "screen" or "image"
 * @param channels the image's channel count, 0 for containers
 */
public record ExplorerItem(String source, String kind, long id, String name, long channels) {

    static ExplorerItem of(ExplorerNode n) {
        return switch (n.kind()) {
            case DATASET, PLATE, SCREEN -> new ExplorerItem(n.source(), n.kind().name().toLowerCase(Locale.ROOT), n.id(), n.label(), 0);
            case IMAGE -> n.isPlaceholder() || n.image() == null ? null
                    : new ExplorerItem(n.source(), "image", n.id(), n.label(), n.image().pixels().channels());
            default -> null;
        };
    }
}
