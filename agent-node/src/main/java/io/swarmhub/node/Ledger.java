package io.swarmhub.node;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmhub.protocol.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The node's append-only record of experiments, in a data directory: {@code results.tsv} with
 * autoresearch's columns (commit, metric, memory_gb, status, description) plus experiment,
 * parent, seconds and proposer, for people; {@code results.jsonl}, one complete experiment per line
 * (patch, metrics and log tail included), for machines and for resuming; {@code inflight.json}
 * while an experiment runs. The JSON-lines file is the record of truth: the TSV is rebuilt from it
 * if the two ever disagree (a kill between the two appends).
 */
public final class Ledger implements ExperimentLog, AutoCloseable {
    static final String TSV_HEADER = "commit\tmetric\tmemory_gb\tstatus\tdescription\texperiment\tparent\tseconds\tproposer";
    private final Path jsonl;
    private final Path tsv;
    private final Path inflight;
    private final List<Experiment> history;
    private FileChannel jsonlOut;
    private FileChannel tsvOut;
    private FileChannel inflightOut;

    private Ledger(Path dir) throws IOException {
        Files.createDirectories(dir);
        this.jsonl = dir.resolve("results.jsonl");
        this.tsv = dir.resolve("results.tsv");
        this.inflight = dir.resolve("inflight.json");
        this.history = readJsonl();
        rebuildTsvIfNeeded();
        this.jsonlOut = FileChannel.open(jsonl, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        this.tsvOut = FileChannel.open(tsv, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        this.inflightOut = FileChannel.open(inflight, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }

    /** Opens (or creates) the ledger in a directory. */
    public static Ledger open(Path dir) {
        try {
            return new Ledger(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the ledger in " + dir + ": " + e.getMessage(), e);
        }
    }

    public Path tsvFile() {
        return tsv;
    }

    public Path jsonlFile() {
        return jsonl;
    }

    @Override
    public synchronized List<Experiment> history() {
        return List.copyOf(history);
    }

    @Override
    public synchronized void begin(Experiment pending) {
        try {
            inflightOut.truncate(0);
            inflightOut.write(ByteBuffer.wrap(ExperimentJson.write(pending).getBytes(StandardCharsets.UTF_8)), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + inflight + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void append(Experiment done) {
        try {
            write(jsonlOut, ExperimentJson.write(done) + "\n");
            write(tsvOut, tsvRow(done) + "\n");
            history.add(done);
            inflightOut.truncate(0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the ledger " + jsonl + ": " + e.getMessage(), e);
        }
    }

    private static void write(FileChannel ch, String text) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    @Override
    public synchronized void close() {
        for (FileChannel ch : List.of(jsonlOut, tsvOut, inflightOut)) {
            try {
                ch.close();
            } catch (IOException e) {
                // closing a read-write channel we own; nothing left to save
            }
        }
    }

    @Override
    public synchronized Optional<Experiment> interrupted() {
        try {
            String text = Files.exists(inflight) ? Files.readString(inflight, StandardCharsets.UTF_8) : "";
            if (text.isBlank()) {
                return Optional.empty();
            }
            Experiment e = ExperimentJson.read(text);
            boolean recorded = history.stream().anyMatch(h -> h.id().equals(e.id()));
            if (recorded) {
                inflightOut.truncate(0);
                return Optional.empty();
            }
            return Optional.of(e);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static String tsvRow(Experiment e) {
        String commit = e.commit().length() > 7 ? e.commit().substring(0, 7) : e.commit();
        return String.join("\t",
                commit.isEmpty() ? "-" : commit,
                Double.isFinite(e.metric()) ? String.format(Locale.ROOT, "%.6f", e.metric()) : "-",
                Double.isFinite(e.memoryGb()) ? String.format(Locale.ROOT, "%.2f", e.memoryGb()) : "-",
                e.status().name().toLowerCase(Locale.ROOT),
                e.description(),
                e.id(),
                e.parentId().isEmpty() ? "-" : e.parentId(),
                String.format(Locale.ROOT, "%.2f", e.seconds()),
                e.proposer());
    }

    private List<Experiment> readJsonl() throws IOException {
        List<Experiment> out = new ArrayList<>();
        if (!Files.exists(jsonl)) {
            return out;
        }
        List<String> lines = Files.readAllLines(jsonl, StandardCharsets.UTF_8);
        StringBuilder good = new StringBuilder();
        boolean damaged = false;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            try {
                out.add(ExperimentJson.read(line));
                good.append(line).append('\n');
            } catch (RuntimeException | JsonProcessingException e) {
                damaged = true; // a line cut short by a kill mid-write: the experiment was never reported
            }
        }
        if (damaged) {
            Files.writeString(jsonl, good.toString(), StandardCharsets.UTF_8);
        }
        return out;
    }

    private void rebuildTsvIfNeeded() throws IOException {
        long rows = Files.exists(tsv) && Files.size(tsv) > 0 ? Math.max(0, Files.readAllLines(tsv).size() - 1) : -1;
        if (rows == history.size()) {
            return;
        }
        StringBuilder sb = new StringBuilder(TSV_HEADER).append('\n');
        for (Experiment e : history) {
            sb.append(tsvRow(e)).append('\n');
        }
        Files.writeString(tsv, sb.toString(), StandardCharsets.UTF_8);
    }

    /** JSON form of an experiment (one line), shared by the ledger and tools. */
    static final class ExperimentJson {
        private static final ObjectMapper JSON = new ObjectMapper();

        private ExperimentJson() {
        }

        static String write(Experiment e) {
            ObjectNode o = JSON.createObjectNode();
            o.put("id", e.id()).put("parent", e.parentId()).put("campaign", e.campaign()).put("node", e.node())
                    .put("proposer", e.proposer()).put("status", e.status().name())
                    .put("description", e.description());
            putNumber(o, "metric", e.metric());
            putNumber(o, "memory_gb", e.memoryGb());
            o.put("seconds", e.seconds()).put("started_at_ms", e.startedAtMs()).put("commit", e.commit())
                    .put("message", e.message());
            ObjectNode m = o.putObject("metrics");
            e.metrics().forEach((k, v) -> putNumber(m, k, v));
            o.put("patch", e.patch()).put("log_tail", e.logTail());
            if (!e.lineagePatch().isEmpty()) {
                o.put("lineage_patch", e.lineagePatch());
            }
            try {
                return JSON.writeValueAsString(o);
            } catch (JsonProcessingException ex) {
                throw new IllegalStateException(ex);
            }
        }

        private static void putNumber(ObjectNode o, String k, double v) {
            if (Double.isFinite(v)) {
                o.put(k, v);
            } else {
                o.putNull(k);
            }
        }

        static Experiment read(String line) throws JsonProcessingException {
            var o = JSON.readTree(line);
            java.util.Map<String, Double> metrics = new java.util.LinkedHashMap<>();
            o.path("metrics").properties().forEach(en -> {
                if (en.getValue().isNumber()) {
                    metrics.put(en.getKey(), en.getValue().doubleValue());
                }
            });
            return new Experiment(o.path("id").asText(), o.path("parent").asText(), o.path("campaign").asText(),
                    o.path("node").asText(), o.path("proposer").asText(), o.path("description").asText(),
                    o.path("patch").asText(), Status.valueOf(o.path("status").asText()), metrics,
                    num(o.path("metric")), num(o.path("memory_gb")), o.path("seconds").asDouble(),
                    o.path("started_at_ms").asLong(), o.path("commit").asText(), o.path("message").asText(),
                    o.path("log_tail").asText(), o.path("lineage_patch").asText());
        }

        private static double num(com.fasterxml.jackson.databind.JsonNode n) {
            return n.isNumber() ? n.doubleValue() : Double.NaN;
        }
    }
}
