package io.swarmhub.node;

import io.swarmhub.node.propose.TextPatch;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Adoption worked out as text: a finding's lineage patch applied in memory to the campaign base's
 * files (each read once: the base never changes). It takes the common case, edits of existing
 * UTF-8 text files without carriage returns, and declines the rest (files created, deleted,
 * renamed, binary or changing mode), which the workspace then does in the object store. That
 * path applied the patch to the base tree in the object store and walked two trees, half of an
 * adoption's time, and an 8-node swarm adopts at about every third experiment (docs/benchmarks.md).
 */
final class TextAdoption {
    private static final List<String> DECLINED = List.of("\nGIT binary patch", "\nBinary files ", "\nold mode ",
            "\nnew mode ", "\nnew file mode ", "\ndeleted file mode ", "\nrename from ", "\ncopy from ", "\r");
    private final Function<String, byte[]> baseFile;
    private final Map<String, Optional<String>> baseText = new HashMap<>();

    /** {@code baseFile}: a path's bytes in the campaign base, null when it has no such file. */
    TextAdoption(Function<String, byte[]> baseFile) {
        this.baseFile = baseFile;
    }

    /** A lineage patch read for adoption as text: its file sections, each an edit of an existing file. */
    record Edits(List<TextPatch.FilePatch> files) {
        /** The paths the patch changes: where the adopted state differs from the base. */
        Set<String> paths() {
            Set<String> out = new HashSet<>();
            files.forEach(f -> out.add(f.path()));
            return out;
        }
    }

    /** The lineage patch's edits, when it only edits existing text files; empty otherwise (declined). */
    static Optional<Edits> read(String lineagePatch) {
        for (String marker : DECLINED) {
            if (lineagePatch.contains(marker)) {
                return Optional.empty();
            }
        }
        List<TextPatch.FilePatch> files = TextPatch.parse(lineagePatch);
        int sections = lineagePatch.startsWith("diff --git ") ? 1 : 0;
        for (int i = lineagePatch.indexOf("\ndiff --git "); i >= 0; i = lineagePatch.indexOf("\ndiff --git ", i + 1)) {
            sections++;
        }
        if (files.size() != sections) {
            return Optional.empty(); // a section without hunks (a mode or binary change) or one not read as git writes it
        }
        for (TextPatch.FilePatch f : files) {
            if (f.creates() || f.deletes() || !f.oldPath().equals(f.newPath()) || f.hunks().isEmpty()) {
                return Optional.empty();
            }
        }
        return Optional.of(new Edits(files));
    }

    /**
     * The content after adoption of every path {@code edits} touches and of every path in {@code
     * headChanged} (where HEAD may differ from the base: those go back to the base's content unless
     * the patch says otherwise); empty when declined.
     */
    Optional<Map<String, String>> targets(Edits edits, Set<String> headChanged) {
        Map<String, String> out = new TreeMap<>();
        for (TextPatch.FilePatch f : edits.files()) {
            Optional<String> base = base(f.path());
            if (base.isEmpty()) {
                return Optional.empty();
            }
            try {
                out.put(f.path(), TextPatch.apply(base.get(), f));
            } catch (ProposalException e) {
                return Optional.empty(); // the object store's applier will say what is wrong
            }
        }
        for (String path : headChanged) {
            if (!out.containsKey(path)) {
                Optional<String> base = base(path);
                if (base.isEmpty()) {
                    return Optional.empty();
                }
                out.put(path, base.get());
            }
        }
        return Optional.of(out);
    }

    /** The base's text of a path; empty when it has no such file or it is not UTF-8 text. */
    private Optional<String> base(String path) {
        return baseText.computeIfAbsent(path, p -> {
            byte[] bytes = baseFile.apply(p);
            if (bytes == null) {
                return Optional.empty();
            }
            try {
                String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
                return text.indexOf('\r') >= 0 || text.indexOf('\0') >= 0 ? Optional.empty() : Optional.of(text);
            } catch (CharacterCodingException e) {
                return Optional.empty();
            }
        });
    }
}
