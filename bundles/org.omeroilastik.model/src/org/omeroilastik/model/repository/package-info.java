/**
 * The objects of an OMERO-style repository: Projects, Datasets and Images; Screens, Plates, Wells
 * and their fields. Identified by a repository-wide numeric id, as in OMERO.
 */
package org.omeroilastik.model.repository;
