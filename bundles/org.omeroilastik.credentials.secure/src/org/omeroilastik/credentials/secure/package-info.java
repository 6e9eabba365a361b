/**
 * The workbench's OMERO credentials: kept encrypted in Equinox secure storage (never in preferences,
 * plain files or logs) and given to the OMERO repository as its highest-ranked
 * {@link org.omeroilastik.repository.omero.OmeroCredentials}.
 */
package org.omeroilastik.credentials.secure;
