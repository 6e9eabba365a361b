/**
 * The OMERO backend (source {@code omero:https://HOST[/PREFIX]}), speaking OMERO.web's HTTP APIs:
 * login with CSRF token and session cookie, browsing through the JSON API. Credentials come from
 * {@link org.omeroilastik.repository.omero.OmeroCredentials} services, never from files or command
 * lines.
 */
package org.omeroilastik.repository.omero;
