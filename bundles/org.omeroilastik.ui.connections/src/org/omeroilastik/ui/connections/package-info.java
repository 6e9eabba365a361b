/**
 * The workbench's connections: the "Add connection…" dialog, whose kinds come from the
 * {@code repositoryConnectors} extension point ({@link org.omeroilastik.ui.connections.RepositoryConnector}).
 */
package org.omeroilastik.ui.connections;
