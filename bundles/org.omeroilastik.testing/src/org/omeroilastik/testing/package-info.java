/** Helpers for the *.tests bundles: where the shared conformance corpus is, and independent readers. */
package org.omeroilastik.testing;
