/** The dialog, the two built-in connectors, the handlers and the secure storage password provider. */
package org.omeroilastik.internal.ui.connections;
