/**
 * Exporters: a third party writes something of its own for every image a job finished, through the
 * {@link org.omeroilastik.export.Exporter} interface and the {@code org.omeroilastik.export.api.exporters}
 * extension point (see docs/extending.md).
 */
package org.omeroilastik.export;
