/**
 * ilastik's pixel classification and autocontext workflows run blockwise on the embedded engine:
 * project loading, block planning with halos, parallel execution, export sources and writers.
 */
package org.omeroilastik.engine.workflows;
