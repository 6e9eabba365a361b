/**
 * Fiji's "Analyze Particles" for segmentations: connected objects of one class per plane, their
 * outlines as polygons on pixel corners (holes found and counted), and per-object measurements.
 */
package org.omeroilastik.rois;
