/** The desktop workbench: application, advisors, perspectives and thin views over the core services. */
package org.omeroilastik.ui;
