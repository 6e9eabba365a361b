/**
 * Immutable domain types shared by every bundle: axes, pixel types, physical sizes and n-d image
 * descriptors. No dependencies beyond the JDK.
 */
package org.omeroilastik.model;
