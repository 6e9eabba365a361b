package org.omeroilastik.ui;

/**
 * An image of a repository connection, as a selection in the workbench stands for it: the data
 * explorer's image nodes and the Jobs view's finished tasks adapt to it, so other bundles (the
 * Results perspective) contribute actions on images without knowing those views.
 *
 * @param source the connection, for example {@code local:/data/repo}
 * @param imageId the image's id in that repository
 * @param name the image's name, for titles
 */
public record ImageReference(String source, long imageId, String name) {
}
