/**
 * The ilastik job editor (one multi-page editor per job file) and its {@code workflows} extension point:
 * {@link org.omeroilastik.ui.editor.WorkflowPage} is what a workflow contributes (docs/extending.md).
 */
package org.omeroilastik.ui.editor;
