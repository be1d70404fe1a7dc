package io.swarmhub.deploy.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** docs/metrics.md and the repository files next to it, found from the directory the tests run in. */
final class MetricsDoc {
    private static final Pattern DOCUMENTED = Pattern.compile("`(swarmhub_[a-z_]+)`");
    private static final List<String> SERIES_SUFFIXES = List.of("_bucket", "_count", "_sum", "_max");

    private MetricsDoc() {
    }

    /** A file of the repository, by its path from the root. */
    static Path repositoryFile(String path) throws IOException {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve(path)) && Files.isDirectory(d.resolve("docs"))) {
                return d.resolve(path);
            }
        }
        throw new IOException("cannot find " + path + " above " + Path.of("").toAbsolutePath());
    }

    /** The metric names docs/metrics.md lists in backticks. */
    static Set<String> documented() throws IOException {
        String doc = Files.readString(repositoryFile("docs/metrics.md"), StandardCharsets.UTF_8);
        Set<String> out = new TreeSet<>();
        Matcher m = DOCUMENTED.matcher(doc);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** The documented metric a series or family name belongs to (a histogram's _bucket, _count...), or null. */
    static String metricOf(String series, Set<String> documented) {
        if (documented.contains(series)) {
            return series;
        }
        for (String suffix : SERIES_SUFFIXES) {
            if (series.endsWith(suffix)) {
                String base = series.substring(0, series.length() - suffix.length());
                if (documented.contains(base)) {
                    return base;
                }
            }
        }
        return null;
    }
}
