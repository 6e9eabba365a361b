package org.omeroilastik.export;

/**
 * One contribution to the exporters extension point.
 *
 * @param id stored in job files
 * @param label shown in the job editor
 * @param description one sentence on what it writes
 * @param contributor the bundle that contributes it
 */
public record ExporterDescriptor(String id, String label, String description, String contributor) {
}
