package io.swarmhub.deploy.cli;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** What the commands need to know about the terminal: whether stdout is one, and how wide it is. */
final class Terminal {
    private Terminal() {
    }

    /** True when stdin and stdout are a terminal (not a pipe or file). */
    static boolean isTty() {
        return System.console() != null;
    }

    /** Columns: {@code $COLUMNS}, else what {@code stty size} says on a terminal, else 0 (no limit, for pipes). */
    static int width() {
        String columns = System.getenv("COLUMNS");
        if (columns != null && columns.matches("\\d{1,4}")) {
            return Integer.parseInt(columns);
        }
        if (!isTty()) {
            return 0;
        }
        try {
            Process p = new ProcessBuilder("sh", "-c", "stty size < /dev/tty").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (p.waitFor(2, TimeUnit.SECONDS) && p.exitValue() == 0 && out.matches("\\d+ \\d+")) {
                return Integer.parseInt(out.split(" ")[1]);
            }
        } catch (IOException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }
}
