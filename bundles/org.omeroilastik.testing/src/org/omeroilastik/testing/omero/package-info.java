/** An in-process OMERO.web double that enforces the real protocol, and test certificates for HTTPS. */
package org.omeroilastik.testing.omero;
