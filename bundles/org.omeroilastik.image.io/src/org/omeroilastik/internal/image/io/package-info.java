/** The format services behind {@link org.omeroilastik.image.io.ImageFormat} and their registry. */
package org.omeroilastik.internal.image.io;
