package io.swarmhub.evaluator.charlm;

import ai.djl.ndarray.NDManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles the editable {@code Train.java} with the JDK's compiler against this JVM's classpath (DJL and the
 * harness API) and loads its {@code Train} class. The evaluator compiles in its own warm JVM into a fresh
 * directory ({@link #compileInto}) and the harness loads from there, which saves the child JVM a cold compiler
 * (~2 s of CPU); run by hand, the harness compiles in memory itself. Compiler errors are printed in full and
 * summarised, with the first error, as the CRASH reason.
 */
public final class RecipeCompiler {
    /** The editable source file, in the workspace root. */
    public static final String SOURCE = "Train.java";
    /** The system property naming a directory of precompiled classes for the harness. */
    public static final String CLASSES_PROPERTY = "swarmhub.charlm.classes";
    static final String CLASS = "Train";

    private RecipeCompiler() {
    }

    /**
     * Compiles {@code workspace/Train.java} into {@code classesDir}. Returns the CRASH reason if it does not
     * compile (every compiler error is appended to {@code diagnostics}, one per line), else empty.
     */
    public static Optional<String> compileInto(Path workspace, Path classesDir, StringBuilder diagnostics) {
        try {
            Map<String, byte[]> classes = compile(read(workspace.resolve(SOURCE)), diagnostics);
            Files.createDirectories(classesDir);
            for (Map.Entry<String, byte[]> c : classes.entrySet()) {
                Files.write(classesDir.resolve(c.getKey() + ".class"), c.getValue());
            }
            return Optional.empty();
        } catch (CharLmException e) {
            return Optional.of(e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write compiled classes to " + classesDir, e);
        }
    }

    /** The {@code Train} class: precompiled from {@value #CLASSES_PROPERTY} if set, else compiled now. */
    static Class<? extends TrainableModel> load(Path workspace) {
        String dir = System.getProperty(CLASSES_PROPERTY);
        Map<String, byte[]> classes = new HashMap<>();
        if (dir == null) {
            StringBuilder diagnostics = new StringBuilder();
            try {
                classes = compile(read(workspace.resolve(SOURCE)), diagnostics);
            } finally {
                System.out.print(diagnostics);
            }
        } else {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of(dir), "*.class")) {
                for (Path f : files) {
                    String name = f.getFileName().toString();
                    classes.put(name.substring(0, name.length() - ".class".length()), Files.readAllBytes(f));
                }
            } catch (IOException e) {
                throw new CharLmException("cannot read the compiled classes in " + dir + ": " + e.getMessage());
            }
        }
        Class<?> c;
        try {
            c = Class.forName(CLASS, false, new MemoryLoader(classes, RecipeCompiler.class.getClassLoader()));
        } catch (ClassNotFoundException e) {
            throw new CharLmException(SOURCE + " must declare a public class " + CLASS + " in the default package");
        }
        if (!TrainableModel.class.isAssignableFrom(c)) {
            throw new CharLmException("class " + CLASS + " must implement " + TrainableModel.class.getName());
        }
        try {
            c.getConstructor(Hyperparameters.class, NDManager.class);
        } catch (NoSuchMethodException e) {
            throw new CharLmException("class " + CLASS + " needs a public constructor "
                    + CLASS + "(Hyperparameters hp, NDManager manager)");
        }
        return c.asSubclass(TrainableModel.class);
    }

    static Map<String, byte[]> compile(String source, StringBuilder diagnosticsOut) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new CharLmException("no Java compiler in " + System.getProperty("java.home")
                    + ": run Swarmhub on a JDK, not a JRE");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, ByteArrayOutputStream> classes = new HashMap<>();
        StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8);
        List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "-proc:none",
                "-g", "-nowarn", "-implicit:none");
        boolean ok = javac.getTask(null, new MemoryFiles(standard, classes), diagnostics, options, null,
                List.of(new Source(source))).call();
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                String e = SOURCE + ":" + d.getLineNumber() + ": error: " + d.getMessage(Locale.ROOT);
                diagnosticsOut.append(e).append('\n');
                errors.add(e.lines().findFirst().orElse(e));
            }
        }
        if (!ok || !errors.isEmpty()) {
            throw new CharLmException(SOURCE + " does not compile (" + errors.size() + " error"
                    + (errors.size() == 1 ? "" : "s") + "; first: " + (errors.isEmpty() ? "?" : errors.get(0)) + ")");
        }
        Map<String, byte[]> out = new HashMap<>();
        classes.forEach((name, bytes) -> out.put(name, bytes.toByteArray()));
        RecipePolicy.violation(out).ifPresent(v -> {
            throw new CharLmException(SOURCE + " may not use " + v + " (reflection, files, class loaders, "
                    + "System.setOut and the harness internals are off limits; docs/charlm.md)");
        });
        return out;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CharLmException(SOURCE + " not found in the workspace " + file.getParent());
        } catch (IOException e) {
            throw new CharLmException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String text;

        Source(String text) {
            super(URI.create("string:///" + SOURCE), Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }

    /** Keeps compiled classes in memory instead of writing .class files. */
    private static final class MemoryFiles extends ForwardingJavaFileManager<StandardJavaFileManager> {
        private final Map<String, ByteArrayOutputStream> classes;

        MemoryFiles(StandardJavaFileManager standard, Map<String, ByteArrayOutputStream> classes) {
            super(standard);
            this.classes = classes;
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                   FileObject sibling) {
            return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension),
                    kind) {
                @Override
                public OutputStream openOutputStream() {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    classes.put(className, out);
                    return out;
                }
            };
        }
    }

    private static final class MemoryLoader extends ClassLoader {
        private final Map<String, byte[]> classes;

        MemoryLoader(Map<String, byte[]> classes, ClassLoader parent) {
            super("train", parent);
            this.classes = classes;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = classes.get(name);
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
