/**
 * The Results perspective: the image viewer and object table views, the "Open Results" command, the
 * registry of the resultViewers extension point and the built-in viewers (probabilities,
 * segmentation, ROIs) contributed through it.
 */
package org.omeroilastik.internal.ui.results;
