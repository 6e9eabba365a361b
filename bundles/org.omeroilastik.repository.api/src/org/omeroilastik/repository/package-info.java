/**
 * Where images live and results go, behind one interface for every backend (the embedded local
 * repository, OMERO over HTTP). Shaped like omero-gateway's facilities: {@link Browse}, {@link RawData}
 * and {@link DataManager} (ROI, Tables and annotation writing join with the jobs work).
 */
package org.omeroilastik.repository;
