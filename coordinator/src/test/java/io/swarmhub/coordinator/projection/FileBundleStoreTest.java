package io.swarmhub.coordinator.projection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileBundleStoreTest {
    @TempDir
    Path dir;

    @Test
    void put_thenGet_returnsTheLatestBytes() throws Exception {
        FileBundleStore store = new FileBundleStore(dir);
        store.put("charlm-1234", new byte[] {1, 2});
        store.put("charlm-1234", new byte[] {3});
        assertArrayEquals(new byte[] {3}, store.get("charlm-1234").orElseThrow());
        assertTrue(Files.exists(dir.resolve("charlm-1234/base.bundle")));
        assertTrue(store.get("other").isEmpty());
    }

    @Test
    void put_idWithPathTricks_staysInsideTheRoot() throws Exception {
        FileBundleStore store = new FileBundleStore(dir.resolve("root"));
        store.put("../escape", new byte[] {9});
        assertArrayEquals(new byte[] {9}, store.get("../escape").orElseThrow());
        assertEquals(1, Files.list(dir).count());
        assertTrue(FileBundleStore.directoryName("../escape").startsWith("sha256-"));
    }
}
