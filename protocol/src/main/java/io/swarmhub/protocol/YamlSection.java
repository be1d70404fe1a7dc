package io.swarmhub.protocol;

import io.swarmhub.protocol.CampaignException.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * One YAML mapping of a campaign file, read field by field. Every mistake becomes a
 * {@link Problem} naming the file, the line and the dotted field path; reading goes on so the
 * user sees all problems at once.
 */
final class YamlSection {
    private final String file;
    private final String path;
    private final Node node;
    private final List<Problem> problems;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

    YamlSection(String file, String path, Node node, List<Problem> problems, Set<String> allowed) {
        this.file = file;
        this.path = path;
        this.node = node;
        this.problems = problems;
        if (!(node instanceof MappingNode mapping)) {
            problem(node, path, "expected a mapping (key: value), got " + describe(node));
            return;
        }
        for (NodeTuple t : mapping.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode key)) {
                problem(t.getKeyNode(), path, "keys must be plain names");
                continue;
            }
            String name = key.getValue();
            if (!allowed.contains(name)) {
                problem(key, field(name), "unknown key; expected one of " + new TreeSet<>(allowed));
            } else if (entries.containsKey(name)) {
                problem(key, field(name), "duplicate key");
            } else {
                entries.put(name, t);
            }
        }
    }

    String field(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    int line(String key) {
        NodeTuple t = entries.get(key);
        return t == null ? line(node) : line(t.getKeyNode());
    }

    int line() {
        return line(node);
    }

    Optional<Node> node(String key) {
        return Optional.ofNullable(entries.get(key)).map(NodeTuple::getValueNode);
    }

    void problem(Node at, String field, String message) {
        problems.add(new Problem(file, line(at), field, message));
    }

    void problem(String key, String message) {
        problems.add(new Problem(file, line(key), field(key), message));
    }

    void missing(String key, String what) {
        problems.add(new Problem(file, line(node), field(key), "missing; " + what));
    }

    Optional<String> string(String key, boolean required, String what) {
        Optional<Node> n = node(key);
        if (n.isEmpty()) {
            if (required) {
                missing(key, what);
            }
            return Optional.empty();
        }
        if (n.get() instanceof ScalarNode s && !s.getValue().isBlank()) {
            return Optional.of(s.getValue().trim());
        }
        problem(n.get(), field(key), "expected " + what + ", got " + describe(n.get()));
        return Optional.empty();
    }

    /** A number in [min, max]; reports wrong types and ranges. */
    OptionalDouble number(String key, boolean required, double min, double max) {
        Optional<Node> n = node(key);
        if (n.isEmpty()) {
            if (required) {
                missing(key, "expected a number");
            }
            return OptionalDouble.empty();
        }
        if (n.get() instanceof ScalarNode s) {
            try {
                double v = Double.parseDouble(s.getValue().trim());
                if (Double.isNaN(v) || v < min || v > max) {
                    String range = max >= 1e15 ? "must be at least " + fmt(min) : "must be between " + fmt(min) + " and " + fmt(max);
                    problem(n.get(), field(key), range + ", got " + s.getValue().trim());
                    return OptionalDouble.empty();
                }
                return OptionalDouble.of(v);
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        problem(n.get(), field(key), "expected a number, got " + describe(n.get()));
        return OptionalDouble.empty();
    }

    /** A list of strings; a single scalar is read as a one-element list. */
    List<String> strings(String key, boolean required) {
        Optional<Node> n = node(key);
        List<String> out = new ArrayList<>();
        if (n.isEmpty()) {
            if (required) {
                missing(key, "expected a list of strings");
            }
            return out;
        }
        if (n.get() instanceof ScalarNode s) {
            out.add(s.getValue());
            return out;
        }
        if (!(n.get() instanceof SequenceNode seq)) {
            problem(n.get(), field(key), "expected a list of strings, got " + describe(n.get()));
            return out;
        }
        for (Node item : seq.getValue()) {
            if (item instanceof ScalarNode s && !s.getValue().isEmpty()) {
                out.add(s.getValue());
            } else {
                problem(item, field(key), "expected a non-empty string, got " + describe(item));
            }
        }
        return out;
    }

    Optional<YamlSection> section(String key, boolean required, Set<String> allowed) {
        Optional<Node> n = node(key);
        if (n.isEmpty()) {
            if (required) {
                missing(key, "expected a mapping with " + new TreeSet<>(allowed));
            }
            return Optional.empty();
        }
        int before = problems.size();
        YamlSection s = new YamlSection(file, field(key), n.get(), problems, allowed);
        return problems.size() > before && !(n.get() instanceof MappingNode) ? Optional.empty() : Optional.of(s);
    }

    /** The entries of a mapping whose keys are user-chosen names (a parameter space, an env). */
    Map<String, Node> freeMapping(String key) {
        Map<String, Node> out = new LinkedHashMap<>();
        Optional<Node> n = node(key);
        if (n.isEmpty()) {
            return out;
        }
        if (!(n.get() instanceof MappingNode m)) {
            problem(n.get(), field(key), "expected a mapping, got " + describe(n.get()));
            return out;
        }
        for (NodeTuple t : m.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k) {
                out.put(k.getValue(), t.getValueNode());
            } else {
                problem(t.getKeyNode(), field(key), "keys must be plain names");
            }
        }
        return out;
    }

    List<Node> sequence(String key) {
        Optional<Node> n = node(key);
        if (n.isEmpty()) {
            return List.of();
        }
        if (n.get() instanceof SequenceNode seq) {
            return seq.getValue();
        }
        problem(n.get(), field(key), "expected a list, got " + describe(n.get()));
        return List.of();
    }

    YamlSection child(String fieldPath, Node child, Set<String> allowed) {
        return new YamlSection(file, fieldPath, child, problems, allowed);
    }

    static int line(Node n) {
        return n.getStartMark() == null ? 0 : n.getStartMark().getLine() + 1;
    }

    static String describe(Node n) {
        if (n instanceof ScalarNode s) {
            return s.getValue().isEmpty() ? "nothing" : "'" + s.getValue() + "'";
        }
        return n instanceof SequenceNode ? "a list" : "a mapping";
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
