package jocker.course.book.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A small book as Asciidoctor renders it (src/test/resources/.../site/book), copied where a test may change it. */
final class SiteFixture {

    private SiteFixture() {
    }

    /** Copies book.html, instructor-guide.html and images/ into {@code dir}/book and returns that directory. */
    static Path copyBook(Path dir) throws IOException {
        Path from;
        try {
            from = Path.of(SiteFixture.class.getResource("book/book.html").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Path to = dir.resolve("book");
        try (Stream<Path> walk = Files.walk(from)) {
            walk.forEach(p -> {
                try {
                    Path target = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return to;
    }

    /** Generates the site of the fixture book into {@code dir}/site. */
    static SiteGenerator.Site generate(Path dir) throws IOException {
        Path book = copyBook(dir);
        return SiteGenerator.generate(book.resolve("book.html"), book.resolve("instructor-guide.html"), null,
                dir.resolve("site"));
    }
}
