package io.swarmhub.node.propose;

import io.swarmhub.node.Proposal;
import io.swarmhub.node.ProposalContext;
import io.swarmhub.node.ProposalException;
import io.swarmhub.node.Proposer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs an external command (a coding agent's non-interactive mode, or any script) in a scratch copy
 * of the workspace at the parent's state, with the prompt in a file named by {@code SWARM_PROMPT_FILE},
 * under a time limit. The proposal is what it changed. Changing a tracked file outside the editable
 * paths, or creating a protected one, fails the proposal (INVALID); new untracked files outside the
 * editable paths (caches, the agent's own state) are ignored. The scratch copy is always removed.
 */
public final class CodingAgentProposer implements Proposer {
    private static final List<String> PASSED = List.of("PATH", "HOME", "USER", "LANG", "LC_ALL", "LC_CTYPE", "TZ",
            "TMPDIR", "JAVA_HOME");
    private static final int TAIL_CHARS = 1500;
    private static final int MAX_DESCRIPTION = 200;

    private final String name;
    private final ResearchBrief brief;
    private final EditablePaths paths;
    private final AgentSettings settings;
    private final ProposerRuntime runtime;

    public CodingAgentProposer(String name, ResearchBrief brief, AgentSettings settings, ProposerRuntime runtime) {
        this.name = name;
        this.brief = brief;
        this.paths = brief.paths();
        this.settings = settings;
        this.runtime = runtime;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Proposal propose(ProposalContext ctx) throws ProposalException {
        if (ctx.workspaceDir() == null) {
            throw new ProposalException("the agent proposer needs the loop's workspace directory");
        }
        List<String> files = ctx.files().get();
        try (ScratchCopy scratch = ScratchCopy.of(runtime.scratchRoot(), ctx.workspaceDir(), files)) {
            Path prompt = scratch.dir().resolve("prompt.md");
            Path description = scratch.dir().resolve("description.txt");
            Path log = scratch.dir().resolve("agent.log");
            Files.writeString(prompt, Prompt.forAgent(brief, ctx), StandardCharsets.UTF_8);
            Map<String, String> env = environment(ctx, scratch, prompt, description);
            AgentProcess.Result r = AgentProcess.run(settings.command(), scratch.workspace(), env, settings.timeout(), log);
            if (r.timedOut()) {
                throw new ProposalException("the agent ran over its time limit of " + seconds() + " s and was killed"
                        + tail(log, env));
            }
            if (r.exitCode() != 0) {
                throw new ProposalException("the agent exited with code " + r.exitCode() + tail(log, env));
            }
            return changes(ctx, files, scratch.workspace(), description);
        } catch (IOException e) {
            throw new ProposalException("the agent could not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProposalException("interrupted: the agent was killed");
        }
    }

    private Map<String, String> environment(ProposalContext ctx, ScratchCopy scratch, Path prompt, Path description) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String n : PASSED) {
            putIfSet(env, n);
        }
        settings.passEnv().forEach(n -> putIfSet(env, n));
        env.putAll(settings.env());
        env.put("SWARM_PROMPT_FILE", prompt.toString());
        env.put("SWARM_DESCRIPTION_FILE", description.toString());
        env.put("SWARM_WORKSPACE", scratch.workspace().toString());
        env.put("SWARM_PARENT_ID", ctx.parent() == null ? "" : ctx.parent().id());
        return env;
    }

    private void putIfSet(Map<String, String> env, String name) {
        String v = runtime.env(name);
        if (v != null) {
            env.put(name, v);
        }
    }

    /** The agent's changes as edits (and a deletion patch), after checking every path it touched. */
    private Proposal changes(ProposalContext ctx, List<String> files, Path work, Path descriptionFile)
            throws IOException, ProposalException {
        Set<String> tracked = new HashSet<>(files);
        Map<String, String> edits = new LinkedHashMap<>();
        List<String> refused = new ArrayList<>();
        StringBuilder deletions = new StringBuilder();
        List<Path> found;
        try (Stream<Path> walk = Files.walk(work)) {
            found = walk.filter(p -> !p.equals(work)).toList();
        }
        Set<String> present = new HashSet<>();
        for (Path p : found) {
            String rel = work.relativize(p).toString().replace('\\', '/');
            if (rel.equals(".git") || rel.startsWith(".git/") || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            boolean symlink = Files.isSymbolicLink(p);
            if (!symlink) {
                present.add(rel);
            }
            boolean changed = symlink || !tracked.contains(rel)
                    || !Arrays.equals(Files.readAllBytes(p), Files.readAllBytes(ctx.workspaceDir().resolve(rel)));
            if (!changed || !tracked.contains(rel) && !paths.allows(rel) && !paths.protectedPaths().matches(rel)) {
                continue; // unchanged, or a new file outside the editable paths (a cache): left out
            }
            if (!paths.allows(rel)) {
                refused.add(rel);
            } else if (symlink) {
                throw new ProposalException("the agent left a symbolic link at " + rel);
            } else {
                edits.put(rel, text(rel, Files.readAllBytes(p)));
            }
        }
        for (String f : files) {
            if (!present.contains(f)) {
                if (!paths.allows(f)) {
                    refused.add(f);
                } else {
                    deletions.append(deletion(f, ctx.readFile().apply(f)));
                }
            }
        }
        if (!refused.isEmpty()) {
            throw new ProposalException("the agent changed paths it may not: " + String.join(", ", refused.stream().sorted().limit(5).toList())
                    + (refused.size() > 5 ? " and " + (refused.size() - 5) + " more" : "") + " (editable: " + paths.editable() + ")");
        }
        if (edits.isEmpty() && deletions.length() == 0) {
            throw new ProposalException("the agent changed nothing");
        }
        return new Proposal(edits, deletions.toString(), description(descriptionFile, edits.keySet()));
    }

    private static String text(String path, byte[] bytes) throws ProposalException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ProposalException("the agent wrote binary content to " + path);
        }
    }

    /** A git diff that deletes a whole file. */
    static String deletion(String path, String content) {
        StringBuilder b = new StringBuilder("diff --git a/").append(path).append(" b/").append(path)
                .append("\ndeleted file mode 100644\n");
        if (content == null || content.isEmpty()) {
            return b.toString();
        }
        TextLines lines = TextLines.of(content);
        b.append("--- a/").append(path).append("\n+++ /dev/null\n@@ -1,").append(lines.lines.size()).append(" +0,0 @@\n");
        lines.lines.forEach(l -> b.append('-').append(l).append('\n'));
        if (!lines.endsWithNewline) {
            b.append("\\ No newline at end of file\n");
        }
        return b.toString();
    }

    private static String description(Path file, Set<String> edited) throws IOException {
        String d = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).strip().lines().findFirst().orElse("") : "";
        if (d.isBlank()) {
            d = "agent edit of " + (edited.isEmpty() ? "deleted files" : String.join(", ", edited));
        }
        return d.length() > MAX_DESCRIPTION ? d.substring(0, MAX_DESCRIPTION - 3) + "..." : d;
    }

    private String tail(Path log, Map<String, String> env) {
        try {
            String s = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            s = s.length() > TAIL_CHARS ? s.substring(s.length() - TAIL_CHARS) : s;
            for (String n : settings.passEnv()) {
                s = Secrets.scrub(s, env.get(n));
            }
            s = Secrets.scrub(s, null).strip();
            return s.isEmpty() ? "" : "; its output ends: " + s.replaceAll("\\s*\n\\s*", " | ");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private String seconds() {
        double s = settings.timeout().toMillis() / 1000.0;
        return s == Math.rint(s) ? Long.toString((long) s) : Double.toString(s);
    }
}
