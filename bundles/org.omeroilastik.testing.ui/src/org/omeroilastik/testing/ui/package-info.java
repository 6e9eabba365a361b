/** Test support for the workbench UI tests: a small SWTBot substitute and screenshots into docs/screenshots. */
package org.omeroilastik.testing.ui;
