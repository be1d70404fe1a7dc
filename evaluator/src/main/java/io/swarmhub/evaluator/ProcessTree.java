package io.swarmhub.evaluator;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The processes of one step: its root and, when the root was started under {@code setsid}, every process
 * of the session it leads. The session catches grandchildren whose parent shell already exited, which a
 * walk of {@link ProcessHandle#descendants()} cannot see. Linux {@code /proc} is read directly; where it
 * is missing, only the descendants walk applies and memory is unknown.
 */
final class ProcessTree {
    private static final Path PROC = Path.of("/proc");
    private static final long PAGE_SIZE = pageSize();
    private static final String KILL =
            Objects.requireNonNullElse(firstExecutable("/bin/kill", "/usr/bin/kill"), "kill");

    private final ProcessHandle root;
    private final boolean ownSession;
    private final String sid;

    ProcessTree(ProcessHandle root, boolean ownSession) {
        this.root = root;
        this.ownSession = ownSession;
        this.sid = Long.toString(root.pid());
    }

    /** SIGKILLs the whole tree: the process group, the root, its descendants, and the rest of its session. */
    void kill() {
        List<ProcessHandle> descendants = root.descendants().toList();
        if (ownSession) {
            killGroup();
        }
        root.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        if (ownSession) {
            sessionMembers().forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** After the root exited: kills whatever it left running in its session (daemons, background jobs). */
    void killLeftovers() {
        if (!ownSession) {
            return;
        }
        List<ProcessHandle> left = sessionMembers();
        if (!left.isEmpty()) {
            killGroup();
            left.forEach(ProcessHandle::destroyForcibly);
        }
    }

    /**
     * Resident memory of the root and its descendants now, in bytes; -1 where it cannot be read. Sampled
     * often, so it walks descendants (a native scan) and reads each one's small statm file, rather than
     * reading every process's stat to find the session.
     */
    long rssBytes() {
        if (!Files.isDirectory(PROC)) {
            return -1;
        }
        long pages = rssPages(root.pid());
        for (ProcessHandle h : root.descendants().toList()) {
            pages += rssPages(h.pid());
        }
        return pages * PAGE_SIZE;
    }

    private void killGroup() {
        // Java has no killpg; the kill(1) binary sends one atomic SIGKILL to every member of the group.
        try {
            Process p = new ProcessBuilder(KILL, "-KILL", "--", "-" + root.pid())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            p.getOutputStream().close();
            p.waitFor(2, TimeUnit.SECONDS);
        } catch (IOException e) {
            // No kill binary: the session walk below still reaches every member.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every live process whose session id is the root's pid. */
    private List<ProcessHandle> sessionMembers() {
        List<ProcessHandle> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.isEmpty() || !name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                String[] f = statFields(entry.resolve("stat"));
                // f[0] state, f[3] session; zombies cannot be killed, only reaped.
                if (f != null && f.length > 3 && !"Z".equals(f[0]) && f[3].equals(sid)) {
                    ProcessHandle.of(Long.parseLong(name)).ifPresent(out::add);
                }
            }
        } catch (IOException | RuntimeException e) {
            // /proc unreadable: nothing more to find.
        }
        return out;
    }

    private static long rssPages(long pid) {
        try {
            String[] f = Files.readString(PROC.resolve(Long.toString(pid)).resolve("statm"),
                    StandardCharsets.ISO_8859_1).split(" ");
            return f.length > 1 ? parseOrZero(f[1]) : 0;
        } catch (IOException | RuntimeException e) {
            return 0; // the process exited while we looked
        }
    }

    private static long parseOrZero(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The fields of /proc/PID/stat after the command name, which may itself hold spaces and parentheses. */
    private static String[] statFields(Path stat) {
        try {
            String s = Files.readString(stat, StandardCharsets.ISO_8859_1);
            int close = s.lastIndexOf(')');
            return close < 0 ? null : s.substring(close + 1).trim().split(" ");
        } catch (IOException | RuntimeException e) {
            return null; // the process exited while we looked
        }
    }

    private static long pageSize() {
        try (BufferedReader r = Files.newBufferedReader(PROC.resolve("self/smaps"), StandardCharsets.ISO_8859_1)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("KernelPageSize:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through to the common size
        }
        return 4096;
    }

    static String firstExecutable(String... candidates) {
        for (String c : candidates) {
            if (Files.isExecutable(Path.of(c))) {
                return c;
            }
        }
        return null;
    }
}
