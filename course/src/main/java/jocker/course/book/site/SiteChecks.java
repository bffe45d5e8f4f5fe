package jocker.course.book.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * The checks of a made site, each a list of problems (empty when it passes).
 *
 * <ul>
 *   <li>{@link #brokenLinks}: every link, image, script and style sheet of a
 *       page that stays in the site must name a file that exists, and a
 *       {@code #fragment} must name an id on that page.</li>
 *   <li>{@link #remoteReferences}: nothing a page loads may come from another
 *       machine: no {@code src} or {@code href} of a {@code link}, {@code script},
 *       {@code img} (and the other elements that load), no CSS {@code url()} or
 *       {@code @import} in a style sheet, a {@code style} element or attribute,
 *       or an SVG figure, and no address in a script. Ordinary links
 *       ({@code <a href>}) may lead out: following one is the reader's choice.</li>
 * </ul>
 */
public final class SiteChecks {

    /** Elements that load what their attribute names, as the browser opens the page. */
    private static final String LOADING = "link[href], script[src], img[src], img[srcset], source[src], source[srcset], "
            + "iframe[src], embed[src], object[data], video[src], video[poster], audio[src], track[src], input[src], "
            + "image[href], image[xlink:href], use[href], use[xlink:href], feImage[href], feImage[xlink:href]";
    private static final Pattern CSS_URL = Pattern.compile("url\\(\\s*['\"]?([^'\")\\s]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern CSS_IMPORT = Pattern.compile("@import\\s+(?:url\\(\\s*)?['\"]?([^'\")\\s;]+)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern JS_ADDRESS = Pattern.compile("(?i)\\b(?:https?|wss?|ftp):|['\"`]//[a-z0-9]");

    private SiteChecks() {
    }

    /** Internal links that lead nowhere, as "page: what is wrong". */
    public static List<String> brokenLinks(Path site) throws IOException {
        List<String> problems = new ArrayList<>();
        Map<Path, Set<String>> ids = new HashMap<>();
        for (Path page : files(site, ".html")) {
            Document doc = Jsoup.parse(page.toFile(), "UTF-8");
            String name = site.relativize(page).toString();
            for (Element e : doc.select("a[href], link[href], script[src], img[src], form[action]")) {
                String attr = e.hasAttr("href") ? "href" : e.hasAttr("src") ? "src" : "action";
                String ref = e.attr(attr);
                if (isRemote(ref) || ref.startsWith("mailto:") || ref.startsWith("data:")) {
                    continue;
                }
                String path = ref;
                String fragment = null;
                int hash = ref.indexOf('#');
                if (hash >= 0) {
                    path = ref.substring(0, hash);
                    fragment = ref.substring(hash + 1);
                }
                int query = path.indexOf('?');
                if (query >= 0) {
                    path = path.substring(0, query);
                }
                Path target = path.isEmpty() ? page : page.getParent().resolve(decode(path)).normalize();
                if (!target.startsWith(site) || !Files.isRegularFile(target)) {
                    problems.add(name + ": <" + e.normalName() + " " + attr + "=\"" + ref + "\"> names no file of the site");
                    continue;
                }
                if (fragment != null && !fragment.isEmpty() && target.toString().endsWith(".html")
                        && !ids.computeIfAbsent(target, SiteChecks::idsOf).contains(decode(fragment))) {
                    problems.add(name + ": <" + e.normalName() + " " + attr + "=\"" + ref + "\"> names no id of "
                            + site.relativize(target));
                }
            }
        }
        return problems;
    }

    /** Everything in the site that would be loaded from another machine, as "file: reference". */
    public static List<String> remoteReferences(Path site) throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path file : files(site, "")) {
            String name = site.relativize(file).toString();
            String lower = name.toLowerCase();
            if (lower.endsWith(".html")) {
                problems.addAll(remoteInMarkup(name, Jsoup.parse(read(file))));
            } else if (lower.endsWith(".svg")) {
                problems.addAll(remoteInMarkup(name, Jsoup.parse(read(file), "", Parser.xmlParser())));
            } else if (lower.endsWith(".css")) {
                problems.addAll(remoteInCss(name, read(file)));
            } else if (lower.endsWith(".js") && !name.equals("assets/search-index.js")) {
                // The search index is data: the book's text, which may well name an address.
                Matcher m = JS_ADDRESS.matcher(read(file));
                while (m.find()) {
                    problems.add(name + ": a script with an address in it: " + m.group());
                }
            }
        }
        return problems;
    }

    static List<String> remoteInMarkup(String name, Document doc) {
        List<String> problems = new ArrayList<>();
        for (Element e : doc.select(LOADING)) {
            for (String attr : List.of("href", "xlink:href", "src", "srcset", "data", "poster")) {
                String value = e.attr(attr);
                if (!value.isEmpty() && (isRemote(value) || attr.equals("srcset") && value.contains("//"))) {
                    problems.add(name + ": <" + e.tagName() + " " + attr + "=\"" + value + "\">");
                }
            }
        }
        for (Element style : doc.select("style")) {
            problems.addAll(remoteInCss(name, style.data()));
        }
        for (Element e : doc.select("[style]")) {
            problems.addAll(remoteInCss(name, e.attr("style")));
        }
        return problems;
    }

    static List<String> remoteInCss(String name, String css) {
        List<String> problems = new ArrayList<>();
        for (Pattern p : List.of(CSS_URL, CSS_IMPORT)) {
            Matcher m = p.matcher(css);
            while (m.find()) {
                String ref = m.group(1);
                if (p == CSS_IMPORT || isRemote(ref)) {
                    // An @import is refused even when local: the site's CSS is one file.
                    problems.add(name + ": " + m.group().strip());
                }
            }
        }
        return problems;
    }

    /** Whether a reference names another machine: a scheme other than data: or file:, or a network path (//host). */
    static boolean isRemote(String ref) {
        String r = ref.strip().toLowerCase();
        if (r.startsWith("//")) {
            return true;
        }
        int colon = r.indexOf(':');
        if (colon <= 0) {
            return false;
        }
        String scheme = r.substring(0, colon);
        if (!scheme.matches("[a-z][a-z0-9+.-]*")) {
            return false;
        }
        return !(scheme.equals("data") || scheme.equals("file") || scheme.equals("blob") || scheme.equals("about")
                || scheme.equals("mailto") || scheme.equals("javascript"));
    }

    private static Set<String> idsOf(Path page) {
        try {
            Set<String> ids = new HashSet<>();
            Jsoup.parse(page.toFile(), "UTF-8").select("[id]").forEach(e -> ids.add(e.id()));
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static List<Path> files(Path site, String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(site)) {
            return walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }
}
