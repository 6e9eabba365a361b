/** The OMERO.web client, the repository over it and its DS components. */
package org.omeroilastik.internal.repository.omero;
