package org.omeroilastik.batch;

import java.io.Console;
import java.net.URI;
import java.util.Optional;

import org.omeroilastik.repository.omero.OmeroCredentials;
import org.osgi.service.component.annotations.Component;

/**
 * Headless credentials typed at the terminal when the environment has none: the user name echoed,
 * the password not. Ranked below the environment; without a terminal (a pipeline, CI) it gives
 * nothing and the error says which variables to set.
 */
@Component(service = OmeroCredentials.class, property = "service.ranking:Integer=-10")
public final class PromptCredentials implements OmeroCredentials {

    /** What the prompt needs from a terminal. */
    interface Terminal {
        String readLine(String prompt);

        char[] readPassword(String prompt);
    }

    private final Terminal terminal;

    public PromptCredentials() {
        Console console = System.console();
        this.terminal = console == null || !isTerminal(console) ? null : new Terminal() {
            @Override
            public String readLine(String prompt) {
                return console.readLine("%s", prompt);
            }

            @Override
            public char[] readPassword(String prompt) {
                return console.readPassword("%s", prompt);
            }
        };
    }

    /**
     * From JDK 22 on, {@code System.console()} exists even when stdin or stdout is redirected; only
     * {@code Console.isTerminal()} (called reflectively: the bundles compile for Java 21) says whether
     * a person can answer, so a pipeline never blocks on a prompt.
     */
    private static boolean isTerminal(Console console) {
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException olderJdk) {
            return true; // before JDK 22 a console exists only for a terminal
        }
    }

    PromptCredentials(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public synchronized Optional<Login> credentials(URI server) {
        if (terminal == null) {
            return Optional.empty();
        }
        String host = server.getHost() + (server.getPort() > 0 ? ":" + server.getPort() : "");
        String user = terminal.readLine("OMERO user on " + host + ": ");
        if (user == null || user.isBlank()) {
            return Optional.empty();
        }
        char[] password = terminal.readPassword("Password for " + user.strip() + " on " + host + ": ");
        if (password == null) {
            return Optional.empty();
        }
        String group = System.getenv("OMERO_GROUP");
        return Optional.of(new Login(user.strip(), password, Optional.ofNullable(group).filter(g -> !g.isBlank())));
    }
}
