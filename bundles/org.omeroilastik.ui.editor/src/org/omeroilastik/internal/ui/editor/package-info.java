/** The job editor's pages, the built-in workflow pages and the "New ilastik job…" command. */
package org.omeroilastik.internal.ui.editor;
