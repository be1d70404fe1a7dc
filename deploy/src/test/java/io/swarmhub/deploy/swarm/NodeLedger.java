package io.swarmhub.deploy.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a node recorded locally for a campaign: every slot's {@code results.jsonl} under
 * {@code <nodeDir>/campaigns/<campaignId>/slot-<i>/}, read the way a person would with {@code jq}.
 * Safe to read while the node appends: a line cut short by a concurrent write is left out.
 */
final class NodeLedger {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One ledger line: the fields the swarm tests compare with the coordinator's tree. */
    record Entry(String id, String parent, String node, String status, long startedAtMs) {
    }

    private NodeLedger() {
    }

    /** Every slot's entries, slot by slot, each slot in the order it recorded them. */
    static List<Entry> read(Path nodeDir, String campaignId) {
        Path campaignDir = nodeDir.resolve("campaigns").resolve(campaignId);
        List<Entry> out = new ArrayList<>();
        if (!Files.isDirectory(campaignDir)) {
            return out;
        }
        try (Stream<Path> slots = Files.list(campaignDir)) {
            for (Path slot : slots.filter(p -> p.getFileName().toString().startsWith("slot-")).sorted().toList()) {
                out.addAll(readFile(slot.resolve("results.jsonl")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The entries of one {@code results.jsonl}, oldest first. */
    static List<Entry> readFile(Path jsonl) {
        List<Entry> out = new ArrayList<>();
        if (!Files.exists(jsonl)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(jsonl, StandardCharsets.UTF_8)) {
                parse(line).ifPresent(out::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The experiment a slot is running ({@code inflight.json}), if any and readable. */
    static Optional<Entry> inflight(Path slotDir) {
        try {
            Path f = slotDir.resolve("inflight.json");
            return Files.exists(f) ? parse(Files.readString(f, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Entry> parse(String line) {
        if (line.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode o = JSON.readTree(line);
            if (o == null || !o.hasNonNull("id")) {
                return Optional.empty();
            }
            return Optional.of(new Entry(o.path("id").asText(), o.path("parent").asText(), o.path("node").asText(),
                    o.path("status").asText(), o.path("started_at_ms").asLong()));
        } catch (IOException partial) {
            return Optional.empty(); // a line being written right now
        }
    }
}
