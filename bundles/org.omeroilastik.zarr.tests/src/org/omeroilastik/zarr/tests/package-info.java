/** Tests of the OME-Zarr reader and writer, with zarr-python as the independent reference. */
package org.omeroilastik.zarr.tests;
