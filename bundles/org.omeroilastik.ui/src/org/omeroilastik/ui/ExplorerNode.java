package org.omeroilastik.ui;

import java.util.List;

import org.omeroilastik.model.repository.Image;

/**
 * A node of the data explorer: a connection (repository source), a container or an image. Children
 * are loaded off the display thread and cached here.
 *
 * @param kind connection, project, dataset, screen, plate, well, orphans or image
 * @param image the image, for image nodes (with its pixels) and null otherwise
 */
record ExplorerNode(String source, Kind kind, long id, String label, Image image) implements org.eclipse.core.runtime.IAdaptable {

    /** An image node is an {@link ImageReference} to actions contributed by other bundles. */
    @Override
    public <T> T getAdapter(Class<T> adapter) {
        return adapter == ImageReference.class && kind == Kind.IMAGE && image != null ? adapter.cast(new ImageReference(source, id, label))
                : null;
    }

    enum Kind {
        CONNECTION, PROJECT, DATASET, SCREEN, PLATE, WELL, ORPHANS, IMAGE;

        boolean hasChildren() {
            return this != IMAGE;
        }
    }

    /** Shown while a node's children load. */
    static ExplorerNode loading(String source) {
        return new ExplorerNode(source, Kind.IMAGE, -1, "Loading\u2026", null);
    }

    boolean isPlaceholder() {
        return id == -1 && image == null && kind == Kind.IMAGE;
    }

    /** Children of a node, read from its repository (never call on the display thread). */
    interface Loader {
        List<ExplorerNode> children(ExplorerNode parent) throws Exception;
    }
}
