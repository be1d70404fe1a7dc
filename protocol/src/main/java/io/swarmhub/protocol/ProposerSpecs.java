package io.swarmhub.protocol;

import io.swarmhub.protocol.CampaignException.Problem;
import io.swarmhub.protocol.v1.Campaign;
import io.swarmhub.protocol.v1.Parameter;
import io.swarmhub.protocol.v1.ParameterKind;
import io.swarmhub.protocol.v1.ProposerSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/** Reads the {@code proposers:} list of a campaign file. */
final class ProposerSpecs {
    static final List<String> KINDS = List.of("mutation", "llm", "agent", "crossover");
    private static final Set<String> COMMON = Set.of("kind", "weight", "name");
    private static final Map<String, Set<String>> KIND_KEYS = Map.of(
            "mutation", Set.of("file", "space", "max_changes"),
            "llm", ExternalProposerSpecs.LLM_KEYS,
            "agent", ExternalProposerSpecs.AGENT_KEYS,
            "crossover", Set.of());
    private static final Set<String> KEYS = allKeys();
    private static final Set<String> PARAM_KEYS = Set.of("type", "min", "max", "values");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    private static Set<String> allKeys() {
        Set<String> all = new HashSet<>(COMMON);
        KIND_KEYS.values().forEach(all::addAll);
        return Set.copyOf(all);
    }

    private ProposerSpecs() {
    }

    static List<ProposerSpec> read(YamlSection top, Path repo, Campaign.Builder c, List<Problem> problems) {
        List<ProposerSpec> out = new ArrayList<>();
        if (!top.has("proposers")) {
            top.missing("proposers", "list at least one proposer, e.g. - { kind: mutation, file: ..., space: {...} }");
            return out;
        }
        List<Node> items = top.sequence("proposers");
        if (items.isEmpty() && top.node("proposers").isPresent()) {
            top.problem("proposers", "list at least one proposer");
        }
        Map<String, String> names = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            YamlSection p = top.child("proposers[" + i + "]", items.get(i), KEYS);
            ProposerSpec spec = one(p, repo, c);
            String name = spec.getName().isEmpty() ? spec.getKind() : spec.getName();
            String other = names.putIfAbsent(name, "proposers[" + i + "]");
            if (other != null && !name.isEmpty()) {
                p.problem(p.has("name") ? "name" : "kind", "'" + name + "' already names " + other
                        + "; give each proposer its own name (name: ...) so their keep rates stay apart");
            }
            out.add(spec);
        }
        return out;
    }

    private static ProposerSpec one(YamlSection p, Path repo, Campaign.Builder c) {
        ProposerSpec.Builder b = ProposerSpec.newBuilder().setWeight(1.0).setMaxChanges(2);
        String kind = p.string("kind", true, "one of " + KINDS).orElse("");
        if (!kind.isEmpty() && !KINDS.contains(kind)) {
            p.problem("kind", "unknown proposer kind '" + kind + "'; expected one of " + KINDS);
        }
        b.setKind(kind);
        p.number("weight", false, 0.0, 1e9).ifPresent(w -> {
            if (w <= 0) {
                p.problem("weight", "must be greater than 0");
            }
            b.setWeight(w);
        });
        p.string("name", false, "a proposer name").ifPresent(n -> {
            if (!NAME.matcher(n).matches()) {
                p.problem("name", "use letters, digits, '.', '_', ':' and '-' (at most 64), got '" + n + "'");
            }
            b.setName(n);
        });
        if (KIND_KEYS.containsKey(kind)) {
            for (String key : KEYS) {
                if (p.has(key) && !COMMON.contains(key) && !KIND_KEYS.get(kind).contains(key)) {
                    p.problem(key, "applies to proposers of kind " + kindOf(key) + ", not " + kind);
                }
            }
        }
        CampaignLoader.integer(p, "max_changes", 1, 1000).ifPresent(m -> b.setMaxChanges((int) m));
        switch (kind) {
            case "llm" -> b.setLlm(ExternalProposerSpecs.llm(p));
            case "agent" -> b.setAgent(ExternalProposerSpecs.agent(p));
            default -> { }
        }
        if (!kind.equals("mutation")) {
            return b.build();
        }
        String file = p.string("file", false, "the editable file holding the parameters")
                .orElse(c.getRun().getParams());
        if (file.isEmpty()) {
            p.missing("file", "name the editable file that holds the parameters");
            return b.build();
        }
        b.setFile(file);
        if (c.hasWorkspace() && !new Globs(c.getWorkspace().getEditableList()).matches(file)) {
            p.problem(p.has("file") ? "file" : "kind", "'" + file + "' is not an editable path of the workspace");
        }
        String text = "";
        if (repo != null) {
            try {
                text = Files.readString(repo.resolve(file));
            } catch (IOException e) {
                p.problem(p.has("file") ? "file" : "kind", "parameter file not found: " + repo.resolve(file));
            }
        }
        Map<String, Node> space = p.freeMapping("space");
        if (space.isEmpty()) {
            p.missing("space", "declare the parameters to mutate, e.g. lr: { type: logfloat, min: 1e-4, max: 1e-1 }");
        }
        for (Map.Entry<String, Node> e : space.entrySet()) {
            String field = p.field("space." + e.getKey());
            YamlSection s = p.child(field, e.getValue(), PARAM_KEYS);
            b.addSpace(parameter(e.getKey(), s));
            if (!text.isEmpty() && !Pattern.compile("(?m)^\\s*" + Pattern.quote(e.getKey()) + "\\s*[=:]").matcher(text).find()) {
                s.problem(e.getValue(), field, "no line '" + e.getKey() + " = ...' in " + file);
            }
        }
        return b.build();
    }

    private static String kindOf(String key) {
        return KIND_KEYS.entrySet().stream().filter(e -> e.getValue().contains(key)).map(Map.Entry::getKey)
                .sorted().reduce((a, b2) -> a + " or " + b2).orElse("?");
    }

    private static Parameter parameter(String name, YamlSection s) {
        Parameter.Builder b = Parameter.newBuilder().setName(name);
        String type = s.string("type", true, "float, int, logfloat or choice").orElse("");
        switch (type) {
            case "float" -> b.setKind(ParameterKind.FLOAT);
            case "int" -> b.setKind(ParameterKind.INT);
            case "logfloat", "log_float" -> b.setKind(ParameterKind.LOG_FLOAT);
            case "choice" -> b.setKind(ParameterKind.CHOICE);
            case "" -> {
                return b.build();
            }
            default -> {
                s.problem("type", "expected float, int, logfloat or choice, got '" + type + "'");
                return b.build();
            }
        }
        if (b.getKind() == ParameterKind.CHOICE) {
            List<String> values = s.strings("values", true);
            if (s.has("values") && values.size() < 2) {
                s.problem("values", "a choice needs at least two values");
            }
            if (s.has("min") || s.has("max")) {
                s.problem(s.has("min") ? "min" : "max", "a choice takes values, not bounds");
            }
            return b.addAllChoices(values).build();
        }
        var min = s.number("min", true, -Double.MAX_VALUE, Double.MAX_VALUE);
        var max = s.number("max", true, -Double.MAX_VALUE, Double.MAX_VALUE);
        if (min.isPresent() && max.isPresent()) {
            if (min.getAsDouble() >= max.getAsDouble()) {
                s.problem("max", "must be greater than min (" + min.getAsDouble() + ")");
            }
            if (b.getKind() == ParameterKind.LOG_FLOAT && min.getAsDouble() <= 0) {
                s.problem("min", "a logfloat needs min > 0");
            }
            b.setMin(min.getAsDouble()).setMax(max.getAsDouble());
        }
        if (s.has("values")) {
            s.problem("values", "values only apply to type choice");
        }
        return b.build();
    }
}
