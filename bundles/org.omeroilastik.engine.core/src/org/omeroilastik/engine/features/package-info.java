/**
 * ilastik's pixel features computed the way fastfilters computes them (kernels, reflect-101 borders,
 * float32 with fused multiply-add, presmoothing, channel order); see docs/pixel-features.md.
 */
package org.omeroilastik.engine.features;
