/** An example of a third-party exporter contributed through the {@code org.omeroilastik.export.api.exporters} extension point. */
package org.omeroilastik.example.exporter;
