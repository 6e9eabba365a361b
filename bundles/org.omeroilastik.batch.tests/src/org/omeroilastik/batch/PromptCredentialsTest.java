package org.omeroilastik.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The terminal prompt: asks once for the user and once, unechoed, for the password; nothing without a terminal. */
class PromptCredentialsTest {

    @Test
    void asksForUserAndPasswordNamingTheServer() {
        List<String> asked = new ArrayList<>();
        PromptCredentials prompt = new PromptCredentials(new PromptCredentials.Terminal() {
            @Override
            public String readLine(String p) {
                asked.add("line: " + p);
                return " ann ";
            }

            @Override
            public char[] readPassword(String p) {
                asked.add("password: " + p);
                return "s3cret".toCharArray();
            }
        });
        var login = prompt.credentials(URI.create("https://omero.example.org:4443/omero")).orElseThrow();
        assertEquals("ann", login.user());
        assertArrayEquals("s3cret".toCharArray(), login.password());
        assertEquals(List.of("line: OMERO user on omero.example.org:4443: ", "password: Password for ann on omero.example.org:4443: "), asked);
        assertTrue(!login.toString().contains("s3cret"), login.toString());
    }

    @Test
    void givesNothingWithoutATerminalOrAUser() {
        assertTrue(new PromptCredentials(null).credentials(URI.create("https://h")).isEmpty());
        PromptCredentials empty = new PromptCredentials(new PromptCredentials.Terminal() {
            @Override
            public String readLine(String p) {
                return "";
            }

            @Override
            public char[] readPassword(String p) {
                throw new AssertionError("no password asked without a user");
            }
        });
        assertTrue(empty.credentials(URI.create("https://h")).isEmpty());
    }
}
