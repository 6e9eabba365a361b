/** The registry of repository providers. */
package org.omeroilastik.internal.repository;
