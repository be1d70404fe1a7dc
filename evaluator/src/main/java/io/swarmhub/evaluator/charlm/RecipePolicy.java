package io.swarmhub.evaluator.charlm;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the compiled {@code Train} classes may refer to, checked on their constant pools before they load: the
 * JDK's language, collection and math classes, DJL's arrays, layers and training, and the four harness types
 * of the API. Not reflection, method handles, class loaders, files, sockets, processes, {@code System.setOut},
 * DJL's utilities, or the harness internals: the ways to reach the validation text or rewrite the summary from
 * inside the JVM. A guard against a proposer that wanders, not a sandbox against a determined attacker.
 */
final class RecipePolicy {
    private static final List<String> ALLOWED = List.of("java/lang/", "java/util/", "java/math/", "java/text/",
            "java/time/", "java/nio/", "java/io/PrintStream", "java/io/Serializable", "java/io/IOException",
            "java/io/UncheckedIOException", "ai/djl/", "io/swarmhub/evaluator/charlm/TrainableModel",
            "io/swarmhub/evaluator/charlm/TrainingData", "io/swarmhub/evaluator/charlm/Hyperparameters");
    private static final List<String> DENIED = List.of("java/lang/reflect/", "java/lang/ClassLoader",
            "java/lang/Runtime", "java/lang/Process", "java/lang/Module", "java/lang/StackWalker",
            "java/lang/instrument/", "java/lang/management/", "java/util/zip/", "java/util/jar/",
            "java/util/ServiceLoader", "java/util/ResourceBundle", "java/util/prefs/", "java/nio/file/",
            "java/nio/channels/", "ai/djl/util/", "ai/djl/repository/", "ai/djl/pytorch/jni/", "ai/djl/Model",
            "ai/djl/modality/", "ai/djl/translate/", "ai/djl/inference/", "ai/djl/training/util/",
            "ai/djl/training/listener/", "ai/djl/training/dataset/");
    /** Members that open the same doors from allowed classes. */
    private static final Map<String, List<String>> DENIED_MEMBERS = Map.of(
            "java/lang/Class", List.of("forName", "getResource", "getClassLoader", "getModule", "getDeclared",
                    "getField", "getMethod", "getConstructor", "newInstance", "getProtectionDomain"),
            "java/lang/System", List.of("setOut", "setErr", "setIn", "load", "setProperty", "setProperties"),
            "java/lang/Thread", List.of("getContextClassLoader", "setContextClassLoader"));
    /** The bootstrap methods javac emits for lambdas, string concatenation and records. */
    private static final Set<String> BOOTSTRAPS = Set.of("metafactory", "altMetafactory", "makeConcatWithConstants",
            "makeConcat", "bootstrap");

    private RecipePolicy() {
    }

    /** The first forbidden reference in {@code classes} (binary name to class file), if any. */
    static Optional<String> violation(Map<String, byte[]> classes) {
        for (byte[] bytes : classes.values()) {
            try {
                for (String[] ref : references(bytes)) {
                    String owner = ref[0];
                    String member = ref[1];
                    if (classes.containsKey(owner.replace('/', '.'))) {
                        continue;
                    }
                    if (!allowed(owner, member)) {
                        return Optional.of(owner.replace('/', '.') + (member == null ? "" : "." + member));
                    }
                }
            } catch (IOException | RuntimeException e) {
                return Optional.of("an unreadable class file (" + e + ")");
            }
        }
        return Optional.empty();
    }

    private static boolean allowed(String owner, String member) {
        if (ALLOWED.stream().noneMatch(p -> matches(owner, p)) || DENIED.stream().anyMatch(p -> matches(owner, p))) {
            return false;
        }
        if (owner.startsWith("java/lang/invoke/")) {
            return member == null || BOOTSTRAPS.contains(member);
        }
        if (member == null) {
            return true;
        }
        if (owner.startsWith("ai/djl/") && member.equals("load")) {
            return false; // NDManager.load(Path) and friends read files
        }
        return DENIED_MEMBERS.getOrDefault(owner, List.of()).stream().noneMatch(member::startsWith);
    }

    /** {@code pattern} is a package ({@code java/nio/file/}) or a class, which covers its nested classes. */
    private static boolean matches(String owner, String pattern) {
        return pattern.endsWith("/") ? owner.startsWith(pattern)
                : owner.equals(pattern) || owner.startsWith(pattern + "$");
    }

    /** Every class reference {owner, null} and member reference {owner, name} in a class file's constant pool. */
    private static List<String[]> references(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        in.readInt(); // magic
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[][] entries = new int[count][];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7, 8, 16, 19, 20 -> entries[i] = new int[] {tag, in.readUnsignedShort()};
                case 9, 10, 11, 12, 17, 18 -> entries[i] = new int[] {tag, in.readUnsignedShort(), in.readUnsignedShort()};
                case 15 -> entries[i] = new int[] {tag, in.readUnsignedByte(), in.readUnsignedShort()};
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++;
                }
                default -> throw new IOException("constant pool tag " + tag);
            }
        }
        List<String[]> refs = new ArrayList<>();
        for (int[] e : entries) {
            if (e != null && e[0] == 7) {
                refs.add(new String[] {elementType(utf8[e[1]]), null});
            } else if (e != null && (e[0] == 9 || e[0] == 10 || e[0] == 11)) {
                String owner = elementType(utf8[entries[e[1]][1]]);
                refs.add(new String[] {owner, utf8[entries[e[2]][1]]});
            }
        }
        return refs;
    }

    /** {@code [[Ljava/lang/reflect/Field;} is a reference to {@code java/lang/reflect/Field}; {@code [F} to none. */
    private static String elementType(String name) {
        if (!name.startsWith("[")) {
            return name;
        }
        String n = name.replaceFirst("^\\[+", "");
        return n.startsWith("L") && n.endsWith(";") ? n.substring(1, n.length() - 1) : "java/lang/Object";
    }
}
