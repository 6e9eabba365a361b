/**
 * The Results perspective's extension API: a {@link org.omeroilastik.ui.results.ResultViewer}
 * contributed through the {@code org.omeroilastik.ui.results.resultViewers} extension point turns
 * an image's results into {@link org.omeroilastik.ui.results.ResultOverlay}s drawn over the image.
 */
package org.omeroilastik.ui.results;
