/** Small OSGi helpers for code that the framework does not wire itself (applications, 3.x views, tests). */
package org.omeroilastik.platform;
