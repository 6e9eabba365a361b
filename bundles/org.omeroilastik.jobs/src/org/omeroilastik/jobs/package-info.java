/**
 * Batch jobs: a {@link org.omeroilastik.jobs.JobSpec} expanded into one task per image, run with
 * write-back under idempotent keys, journalled so that a rerun with resume skips finished images.
 */
package org.omeroilastik.jobs;
