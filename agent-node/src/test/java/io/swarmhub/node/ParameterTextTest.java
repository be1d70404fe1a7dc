package io.swarmhub.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterTextTest {
    static final String PY = """
            # hyperparameters
            LEARNING_RATE = 0.004  # tuned by hand
            DEPTH=8
            ACTIVATION = "gelu"
            """;

    @Test
    void values_pythonConstants() {
        assertEquals(Map.of("LEARNING_RATE", "0.004", "DEPTH", "8", "ACTIVATION", "gelu"), ParameterText.values(PY));
    }

    @Test
    void with_keepsCommentsAndQuotes() {
        String out = ParameterText.with(ParameterText.with(PY, "LEARNING_RATE", "0.006"), "ACTIVATION", "relu");
        assertEquals(PY.replace("0.004", "0.006").replace("\"gelu\"", "\"relu\""), out);
    }

    @Test
    void with_properties() {
        String props = "x0 = 1.5\nx1: -2\n";
        assertEquals("x0 = 1.5\nx1: 3\n", ParameterText.with(props, "x1", "3"));
    }

    @Test
    void with_missingName() {
        assertThrows(IllegalArgumentException.class, () -> ParameterText.with("a = 1\n", "b", "2"));
    }
}
