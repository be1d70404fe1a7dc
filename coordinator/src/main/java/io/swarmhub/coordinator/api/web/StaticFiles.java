package io.swarmhub.coordinator.api.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web UI's pages and assets, from the classpath under {@code web/}. Pages have their own
 * paths ({@code /}, {@code /campaigns/{id}}, {@code /campaigns/{id}/experiments/{eid}},
 * {@code /nodes}); assets are {@code /static/NAME.EXT}, where NAME is letters, digits, '-' and '_'
 * only, so no request can reach any other resource. Everything else is 404.
 * Pages are revalidated on each load (ETag), assets cached for a minute.
 */
public final class StaticFiles implements HttpHandler {
    private static final Pattern CAMPAIGN = Pattern.compile("/campaigns/[^/]+/?");
    private static final Pattern EXPERIMENT = Pattern.compile("/campaigns/[^/]+/experiments/[^/]+/?");
    private static final Pattern ASSET = Pattern.compile("/static/([A-Za-z0-9_-]+\\.(css|js|svg|png|ico))");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon");
    /** Scripts and styles only from this server; data only through textContent, so no inline script. */
    private static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final String root;
    private final Map<String, Optional<Resource>> cache = new ConcurrentHashMap<>();

    /** Serves the resources under {@code root} (e.g. {@code "web/"}) of this class's class loader. */
    public StaticFiles(String root) {
        this.root = root;
    }

    private record Resource(byte[] bytes, String type, String etag) {
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try {
            String method = ex.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                text(ex, 405, "only GET and HEAD are served here");
                return;
            }
            String name = route(ex.getRequestURI().getPath());
            Optional<Resource> found = name == null ? Optional.empty() : cache.computeIfAbsent(name, this::load);
            if (found.isEmpty()) {
                text(ex, 404, "Not found. The web UI starts at /");
                return;
            }
            Resource r = found.get();
            boolean page = name.endsWith(".html");
            var h = ex.getResponseHeaders();
            h.set("Content-Type", r.type());
            h.set("ETag", r.etag());
            h.set("Cache-Control", page ? "no-cache" : "public, max-age=60");
            h.set("X-Content-Type-Options", "nosniff");
            h.set("Referrer-Policy", "no-referrer");
            if (page) {
                h.set("Content-Security-Policy", POLICY);
            }
            if (r.etag().equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                ex.sendResponseHeaders(304, -1);
                return;
            }
            boolean head = method.equals("HEAD");
            ex.sendResponseHeaders(200, head ? -1 : r.bytes().length);
            if (!head) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(r.bytes());
                }
            }
        } finally {
            ex.close();
        }
    }

    /** The resource name for a request path, or null when the path is not the UI's. */
    static String route(String path) {
        if (path == null) {
            return null;
        }
        if (path.equals("/") || path.equals("/index.html") || path.equals("/campaigns") || path.equals("/campaigns/")) {
            return "campaigns.html";
        }
        if (path.equals("/nodes") || path.equals("/nodes/")) {
            return "nodes.html";
        }
        if (CAMPAIGN.matcher(path).matches()) {
            return "campaign.html";
        }
        if (EXPERIMENT.matcher(path).matches()) {
            return "experiment.html";
        }
        Matcher m = ASSET.matcher(path);
        return m.matches() ? "static/" + m.group(1) : null;
    }

    private Optional<Resource> load(String name) {
        try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(root + name)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            String ext = name.substring(name.lastIndexOf('.') + 1);
            String etag = "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 8) + "\"";
            return Optional.of(new Resource(bytes, TYPES.get(ext), etag));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the web UI resource " + root + name, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void text(HttpExchange ex, int code, String message) throws IOException {
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(code, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
