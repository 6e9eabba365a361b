/** vigra random forests as ilastik stores them, and ilastik's way of combining parallel forests. */
package org.omeroilastik.engine.forest;
