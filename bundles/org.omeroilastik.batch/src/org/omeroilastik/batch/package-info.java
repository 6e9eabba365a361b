/**
 * The headless command line. {@link org.omeroilastik.batch.Cli} holds the commands and is plain Java
 * over OSGi services; {@link org.omeroilastik.batch.BatchApplication} is the Equinox entry point.
 */
package org.omeroilastik.batch;
