/**
 * The embedded default repository: a folder with OMERO's hierarchy, JSON records and ilastik-style
 * HDF5 pixels, written atomically under a lock. Format: docs/local-repository.md.
 */
package org.omeroilastik.repository.local;
