package io.swarmhub.evaluator.charlm;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.swarmhub.protocol.Builtins;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The protected harness of the charlm built-in, run by the evaluator in a child JVM inside the workspace (like
 * autoresearch's prepare.py plus the fixed half of train.py): reads {@code train.properties}, compiles
 * {@code Train.java}, loads the training split, trains until its share of {@code SWARM_BUDGET_SECONDS} is spent,
 * then loads the validation slice and prints the summary ({@code val_bpb: ...}). Any failure prints one
 * {@code charlm: error: REASON} line and exits 1; the evaluator records CRASH with that reason.
 */
public final class CharLmMain {
    /** Prefix of the line that carries the CRASH reason. */
    public static final String ERROR_PREFIX = "charlm: error: ";
    private static final double PROGRESS_EVERY_SECONDS = 5;
    /** Standard output as it was before Train loaded: the summary goes here, whatever the model does. */
    private static final PrintStream OUT = System.out;

    private final Map<String, String> env;
    private final Path workspace;
    private final long startNanos;

    CharLmMain(Map<String, String> env, Path workspace, long startNanos) {
        this.env = env;
        this.workspace = workspace;
        this.startNanos = startNanos;
    }

    public static void main(String[] args) {
        Instant jvmStart = ProcessHandle.current().info().startInstant().orElse(Instant.now());
        long start = System.nanoTime() - Duration.between(jvmStart, Instant.now()).toNanos();
        int code;
        try {
            new CharLmMain(System.getenv(), Path.of("").toAbsolutePath(), start).run();
            code = 0;
        } catch (CharLmException e) {
            if (e.getCause() != null) {
                e.getCause().printStackTrace(OUT);
            }
            OUT.println(ERROR_PREFIX + e.getMessage());
            code = 1;
        } catch (RuntimeException | Error e) {
            e.printStackTrace(OUT);
            OUT.println(ERROR_PREFIX + "the harness failed: " + e);
            code = 1;
        }
        OUT.flush();
        System.exit(code);
    }

    void run() {
        double budget = number("SWARM_BUDGET_SECONDS", 60);
        Hyperparameters hp = new Hyperparameters(properties(workspace.resolve(Hyperparameters.FILE)));
        long seed = hp.has("seed") ? hp.intValue("seed", 0, Integer.MAX_VALUE) : 42;
        Class<? extends TrainableModel> recipe = RecipeCompiler.load(workspace);
        say("loaded " + RecipeCompiler.SOURCE + " at %.2f s", elapsed());
        MessageDigest digest = sha256();
        Corpus.Training split = Corpus.training(digest);
        say("training split: " + split.bytes().length + " bytes in " + split.documents() + " documents at %.2f s",
                elapsed());
        Engine engine = NativeSetup.engine(env, seed);
        Device device = NativeSetup.device(env, engine);
        say("PyTorch " + engine.getVersion() + " on " + device + ", " + NativeSetup.threads(env) + " threads at %.2f s",
                elapsed());
        try (NDManager manager = engine.newBaseManager(device)) {
            TrainableModel model = construct(recipe, hp, manager);
            hp.unread().forEach(k -> say("%s: key '%s' is not used by Train.java", Hyperparameters.FILE, k));
            double evalSeconds = BitsPerByte.estimateSeconds(model, split.bytes(), manager);
            double trainSeconds = Math.min(budget - Builtins.CHARLM_RESERVE_SECONDS,
                    budget - elapsed() - evalSeconds - 2);
            if (trainSeconds < 1) {
                throw new CharLmException(String.format(Locale.ROOT, "no time left to train: start-up took %.1f s "
                        + "and evaluation needs about %.1f s of the %.0f s budget", elapsed(), evalSeconds, budget));
            }
            double startup = elapsed();
            say("start-up %.2f s; training for %.1f s (evaluation estimated at %.1f s)", startup, trainSeconds,
                    evalSeconds);
            TrainingData data = new TrainingData(split.bytes(), seed);
            Training run = train(model, data, trainSeconds);
            byte[] validation = Corpus.validation(); // loaded only now: training is over
            digest.update(validation);
            BitsPerByte.checkCausal(model, split.bytes(), manager);
            double valBpb = BitsPerByte.evaluate(model, validation, manager);
            Map<String, String> summary = new LinkedHashMap<>();
            summary.put("val_bpb", fmt("%.6f", valBpb));
            summary.put("training_seconds", fmt("%.1f", run.seconds()));
            summary.put("total_seconds", fmt("%.1f", elapsed()));
            summary.put("startup_seconds", fmt("%.2f", startup));
            summary.put("peak_memory_mb", fmt("%.1f", NativeSetup.peakMemoryMb()));
            summary.put("num_steps", Long.toString(run.steps()));
            summary.put("num_params_M", fmt("%.3f", model.parameterCount() / 1e6));
            summary.put("tokens_per_second", fmt("%.0f", data.served() / run.seconds()));
            summary.put("unigram_bpb", fmt("%.6f", BitsPerByte.unigram(validation)));
            summary.put("data_checksum", "sha256:" + HexFormat.of().formatHex(digest.digest()).substring(0, 16));
            OUT.println("---");
            summary.forEach((k, v) -> OUT.printf(Locale.ROOT, "%-18s %s%n", k + ":", v));
        }
    }

    /** Steps taken and seconds spent training. */
    record Training(long steps, double seconds) {
    }

    /** The loop the harness owns: steps until the training time is spent; a non-finite loss ends it. */
    static Training train(TrainableModel model, TrainingData data, double seconds) {
        long start = System.nanoTime();
        long steps = 0;
        double nextReport = 0;
        double t = 0;
        while (t < seconds) {
            float loss;
            try {
                loss = model.trainStep(data, t / seconds);
            } catch (RuntimeException | LinkageError | AssertionError e) {
                throw new CharLmException("Train.trainStep failed at step " + (steps + 1) + ": " + e, e);
            }
            steps++;
            if (Float.isNaN(loss) || Float.isInfinite(loss)) {
                throw new CharLmException("training produced " + (Float.isNaN(loss) ? "NaN" : "an infinite loss")
                        + " at step " + steps);
            }
            t = (System.nanoTime() - start) / 1e9;
            if (steps == 1 || t >= nextReport) {
                say("step %6d | loss %.6f | %5.1f s | %.0f tok/s", steps, loss, t, data.served() / t);
                nextReport = t + PROGRESS_EVERY_SECONDS;
            }
        }
        return new Training(steps, t);
    }

    private static TrainableModel construct(Class<? extends TrainableModel> recipe, Hyperparameters hp,
                                            NDManager manager) {
        try {
            return recipe.getConstructor(Hyperparameters.class, NDManager.class).newInstance(hp, manager);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Hyperparameters.HyperparameterException) {
                throw new CharLmException(cause.getMessage());
            }
            throw new CharLmException("the Train constructor failed: " + cause, cause);
        } catch (ReflectiveOperationException e) {
            throw new CharLmException("cannot construct Train: " + e, e);
        }
    }

    private double number(String name, double otherwise) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return otherwise;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new CharLmException(name + " is '" + v + "', not a number");
        }
    }

    private static Map<String, String> properties(Path file) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(read(file)));
        } catch (IOException | IllegalArgumentException e) {
            throw new CharLmException(Hyperparameters.FILE + " cannot be read: " + e.getMessage());
        }
        Map<String, String> values = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> values.put(k, stripComment(p.getProperty(k))));
        return values;
    }

    /** {@code lr = 0.006  # peak} is common in hand-edited files; Java properties would keep the comment. */
    private static String stripComment(String v) {
        int hash = v.indexOf(" #");
        return (hash >= 0 ? v.substring(0, hash) : v).trim();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CharLmException(file.getFileName() + " not found in the workspace " + file.getParent());
        } catch (IOException e) {
            throw new CharLmException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private double elapsed() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static String fmt(String format, double v) {
        return String.format(Locale.ROOT, format, v);
    }

    static void say(String format, Object... args) {
        OUT.println("charlm: " + String.format(Locale.ROOT, format, args));
    }
}
