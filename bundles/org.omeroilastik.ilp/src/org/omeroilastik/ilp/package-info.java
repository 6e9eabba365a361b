/**
 * ilastik project files (.ilp): which workflow, which inputs, and what each applet stored, as typed
 * immutable records read through {@link org.omeroilastik.ilp.IlpReader}.
 */
package org.omeroilastik.ilp;
