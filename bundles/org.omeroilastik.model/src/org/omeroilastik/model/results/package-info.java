/** What a job writes back: ROIs with polygon shapes, tables, key-value annotations. */
package org.omeroilastik.model.results;
