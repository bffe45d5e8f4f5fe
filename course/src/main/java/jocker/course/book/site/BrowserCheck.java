package jocker.course.book.site;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jocker.course.book.Transcript;

/**
 * Opens the site in a real browser, headless Chromium, and checks what a
 * reader would get:
 * <ul>
 *   <li>every request every page makes is for a {@code file:} or {@code data:}
 *       address (seen twice: the DevTools protocol's {@code Network} events of
 *       each page, and Chromium's own network log, {@code --log-net-log}), no
 *       page throws a script error or logs a failed load;</li>
 *   <li>no page is wider than the window, at 1200 and at 400 pixels (long
 *       lines and wide tables scroll in their own boxes), and at 400 the
 *       contents are a menu;</li>
 *   <li>{@code search.html?q=...} lists results;</li>
 *   <li>the copy button of each console transcript copies exactly the
 *       commands that {@link Transcript} finds in it;</li>
 *   <li>the table of contents marks the section scrolled to;</li>
 *   <li>the theme follows the system's dark setting, and the toggle switches
 *       it and is remembered on the next page.</li>
 * </ul>
 * It talks to Chromium over the DevTools protocol on the loopback interface
 * ({@link Cdp}). Without Chromium it does not run, and says why.
 */
public final class BrowserCheck {

    /** The names Chromium goes by on Debian and elsewhere; JOCKER_CHROMIUM names another. */
    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable");

    private final ObjectMapper json = new ObjectMapper();
    private final List<String> problems = new ArrayList<>();
    private final List<String> findings = new ArrayList<>();
    private final Path site;
    private final Path screenshots;
    private Cdp cdp;
    private String session;

    /**
     * What the check found.
     *
     * @param ran        false when there was no browser to run it in
     * @param skipReason why it did not run, when it did not
     * @param findings   what it saw, one line each (pages, requests, search results)
     * @param problems   what is wrong, one line each; empty when the site passed
     */
    public record Result(boolean ran, String skipReason, List<String> findings, List<String> problems) {
        public String summary() {
            if (!ran) {
                return "skipped: " + skipReason;
            }
            return (problems.isEmpty() ? "passed" : problems.size() + " problems") + "\n    "
                    + String.join("\n    ", findings);
        }
    }

    private BrowserCheck(Path site, Path screenshots) {
        this.site = site.toAbsolutePath().normalize();
        this.screenshots = screenshots;
    }

    /** Chromium's executable: $JOCKER_CHROMIUM, or the first of chromium, chromium-browser, google-chrome on the PATH. */
    public static Optional<Path> findChromium() {
        String chosen = System.getenv("JOCKER_CHROMIUM");
        if (chosen != null && !chosen.isBlank()) {
            return Optional.of(Path.of(chosen)).filter(Files::isExecutable);
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String name : NAMES) {
            for (String dir : path.split(":")) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                    return Optional.of(Path.of(dir, name));
                }
            }
        }
        return Optional.empty();
    }

    /** The reason the check cannot run here, or empty when it can. */
    public static Optional<String> whyNot() {
        if (findChromium().isPresent()) {
            return Optional.empty();
        }
        String chosen = System.getenv("JOCKER_CHROMIUM");
        if (chosen != null && !chosen.isBlank()) {
            return Optional.of("JOCKER_CHROMIUM=" + chosen + " is not an executable file");
        }
        return Optional.of("no Chromium on the PATH (" + String.join(", ", NAMES)
                + "; Debian: apt-get install chromium), or set JOCKER_CHROMIUM");
    }

    /**
     * Runs the check when Chromium is installed, and throws a
     * {@link SiteException} when the site fails it.
     *
     * @param query a word the search must find, such as {@code pivot_root}
     */
    public static Result runIfAvailable(Path site, String query, Path screenshots) throws IOException, InterruptedException {
        Optional<String> why = whyNot();
        if (why.isPresent()) {
            return new Result(false, why.get(), List.of(), List.of());
        }
        Result result = run(findChromium().orElseThrow(), site, query, screenshots);
        if (!result.problems().isEmpty()) {
            throw new SiteException("the site failed the browser check (" + String.join("; ", result.findings()) + ")",
                    result.problems());
        }
        return result;
    }

    /** Runs the check in the given Chromium; problems are in the result. */
    public static Result run(Path chromium, Path site, String query, Path screenshots) throws IOException, InterruptedException {
        BrowserCheck check = new BrowserCheck(site, screenshots);
        check.runIn(chromium, query);
        return new Result(true, null, List.copyOf(check.findings), List.copyOf(check.problems));
    }

    private void runIn(Path chromium, String query) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("jocker-site-chromium");
        Path netLog = Files.createTempFile("jocker-site-netlog", ".json");
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--disable-gpu",
                "--user-data-dir=" + profile, "--no-first-run", "--no-default-browser-check",
                // Keep the browser's own traffic (updates, sync) out of the way: only the pages' requests matter.
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", "--mute-audio",
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                "--log-net-log=" + netLog, "--net-log-capture-mode=Default", "about:blank"));
        if ("root".equals(System.getProperty("user.name"))) {
            command.add(1, "--no-sandbox"); // Chromium refuses to run as root with its sandbox.
        }
        Process browser = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        CompletableFuture<URI> devtools = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(browser.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    synchronized (output) {
                        output.add(line);
                    }
                    int at = line.indexOf("ws://");
                    if (line.startsWith("DevTools listening on") && at >= 0) {
                        devtools.complete(URI.create(line.substring(at).strip()));
                    }
                }
            } catch (IOException e) {
                devtools.completeExceptionally(e);
            }
            devtools.completeExceptionally(new IOException("Chromium ended before it listened"));
        }, "chromium-output");
        reader.setDaemon(true);
        reader.start();
        try {
            URI socket;
            try {
                socket = devtools.get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                synchronized (output) {
                    throw new IOException("Chromium did not start its DevTools server: " + e + "\n" + String.join("\n", output), e);
                }
            }
            try (Cdp client = new Cdp(socket)) {
                cdp = client;
                String version = client.send(null, "Browser.getVersion", null).path("product").asText();
                findings.add(version + " (" + chromium + "), headless");
                openSession();
                checkPages(query);
                try {
                    client.send(null, "Browser.close", null);
                } catch (IOException e) {
                    // It may close the socket before it answers.
                }
            }
            if (!browser.waitFor(20, TimeUnit.SECONDS)) {
                browser.destroy();
                browser.waitFor(10, TimeUnit.SECONDS);
            }
            checkNetLog(netLog);
        } finally {
            if (browser.isAlive()) {
                browser.destroyForcibly();
                browser.waitFor(10, TimeUnit.SECONDS);
            }
            deleteTree(profile);
            Files.deleteIfExists(netLog);
        }
    }

    private void openSession() throws IOException, InterruptedException {
        String target = cdp.send(null, "Target.createTarget", cdp.params().put("url", "about:blank")).path("targetId").asText();
        session = cdp.send(null, "Target.attachToTarget", cdp.params().put("targetId", target).put("flatten", true))
                .path("sessionId").asText();
        for (String domain : List.of("Page", "Network", "Runtime", "Log")) {
            cdp.send(session, domain + ".enable", null);
        }
    }

    private void checkPages(String query) throws IOException, InterruptedException {
        List<Path> pages;
        try (Stream<Path> list = Files.list(site)) {
            pages = list.filter(p -> p.toString().endsWith(".html")).sorted().toList();
        }
        int requests = 0;
        int consoles = 0;
        int loadProblems = 0;
        int copyProblems = 0;
        viewport(1200, 900, false);
        for (Path page : pages) {
            int before = problems.size();
            requests += open(page.toUri().toString());
            overflow(page, 1200);
            loadProblems += problems.size() - before;
            before = problems.size();
            consoles += copyButtons(page);
            copyProblems += problems.size() - before;
            shoot(page, "desktop");
        }
        findings.add(pages.size() + " pages at 1200 px: " + requests + " requests, "
                + (loadProblems == 0 ? "every one file: or data:, no script error, none wider than the window"
                        : loadProblems + " problems"));
        findings.add(consoles + " console transcripts: "
                + (copyProblems == 0 ? "the copy button copies their commands alone" : copyProblems + " problems"));
        tableOfContents(pages);
        int before = problems.size();
        viewport(400, 800, true);
        for (Path page : pages) {
            open(page.toUri().toString());
            overflow(page, 400);
            String menu = eval("getComputedStyle(document.querySelector('.menu-toggle')).display");
            if (menu.equals("none")) {
                problems.add(name(page) + ": at 400 px there is no menu button for the contents");
            }
            shoot(page, "phone");
        }
        findings.add(pages.size() + " pages at 400 px: " + (problems.size() == before
                ? "none wider than the window, the contents are a menu" : problems.size() - before + " problems"));
        viewport(1200, 900, false);
        search(query);
        theme(pages);
    }

    /** Opens a page, waits for it to load, and checks its requests and errors; returns how many requests it made. */
    private int open(String url) throws IOException, InterruptedException {
        int mark = cdp.events().size();
        cdp.send(session, "Page.navigate", cdp.params().put("url", url));
        cdp.await(mark, e -> "Page.loadEventFired".equals(e.path("method").asText()) && session.equals(e.path("sessionId").asText()));
        eval("new Promise(done => setTimeout(() => done('settled'), 150))");
        int requests = 0;
        String page = url.startsWith("file:") ? name(Path.of(URI.create(url.replaceFirst("\\?.*", "")))) : url;
        for (JsonNode event : cdp.events().subList(mark, cdp.events().size())) {
            if (!session.equals(event.path("sessionId").asText())) {
                continue;
            }
            JsonNode params = event.path("params");
            switch (event.path("method").asText()) {
                case "Network.requestWillBeSent" -> {
                    requests++;
                    String requested = params.path("request").path("url").asText();
                    if (!(requested.startsWith("file:") || requested.startsWith("data:"))) {
                        problems.add(page + ": requested " + requested);
                    }
                }
                case "Runtime.exceptionThrown" -> problems.add(page + ": script error: "
                        + params.path("exceptionDetails").path("exception").path("description").asText(
                        params.path("exceptionDetails").path("text").asText()));
                case "Log.entryAdded" -> {
                    if (params.path("entry").path("level").asText().equals("error")) {
                        problems.add(page + ": " + params.path("entry").path("text").asText() + " "
                                + params.path("entry").path("url").asText());
                    }
                }
                case "Runtime.consoleAPICalled" -> {
                    if (params.path("type").asText().equals("error")) {
                        problems.add(page + ": console error: " + params.path("args"));
                    }
                }
                default -> {
                }
            }
        }
        return requests;
    }

    private void overflow(Path page, int width) throws IOException, InterruptedException {
        int wider = Integer.parseInt(eval("String(document.documentElement.scrollWidth - document.documentElement.clientWidth)"));
        if (wider > 1) {
            String culprit = eval("(() => { const w = document.documentElement.clientWidth; const e = Array.from("
                    + "document.querySelectorAll('main *')).find(e => e.getBoundingClientRect().right > w + 1); "
                    + "return e ? e.tagName + '.' + e.className + ' ' + (e.textContent || '').slice(0, 60) : '?'; })()");
            problems.add(name(page) + ": at " + width + " px the page is " + wider + " px wider than the window ("
                    + culprit + ")");
        }
    }

    private int copyButtons(Path page) throws IOException, InterruptedException {
        String counts = eval("JSON.stringify([document.querySelectorAll('.listingblock pre, .literalblock pre').length,"
                + " document.querySelectorAll('.listingblock .copy, .literalblock .copy').length])");
        JsonNode c = json.readTree(counts);
        if (c.get(0).asInt() != c.get(1).asInt()) {
            problems.add(name(page) + ": " + c.get(0) + " listings but " + c.get(1) + " copy buttons");
        }
        JsonNode blocks = json.readTree(eval("JSON.stringify(Array.from(document.querySelectorAll('pre.console')).map(p =>"
                + " [p.textContent, window.jockerBook.textToCopy(p),"
                + " p.querySelector('.prompt') ? getComputedStyle(p.querySelector('.prompt')).userSelect : 'none']))"));
        for (JsonNode block : blocks) {
            String text = block.get(0).asText();
            String expected = String.join("\n", Transcript.parse(Arrays.asList(text.split("\n", -1))).commands());
            if (!block.get(1).asText().equals(expected)) {
                problems.add(name(page) + ": the copy button of the transcript starting \"" + first(text)
                        + "\" copies \"" + block.get(1).asText() + "\", not its commands \"" + expected + "\"");
            }
            if (!block.get(2).asText().equals("none")) {
                problems.add(name(page) + ": the prompt of \"" + first(text) + "\" can be selected");
            }
        }
        return blocks.size();
    }

    private void tableOfContents(List<Path> pages) throws IOException, InterruptedException {
        for (Path page : pages) {
            open(page.toUri().toString());
            int sections = Integer.parseInt(eval("String(document.querySelectorAll('#sidebar .toc-page.current li > a').length)"));
            if (sections < 3) {
                continue;
            }
            JsonNode r = json.readTree(eval("(async () => { const links = Array.from(document.querySelectorAll("
                    + "'#sidebar .toc-page.current li > a')); const link = links[Math.floor(links.length / 2)];"
                    + " document.getElementById(decodeURIComponent(link.getAttribute('href').slice(1))).scrollIntoView();"
                    + " await new Promise(done => setTimeout(done, 400));"
                    + " const active = document.querySelector('#sidebar a.active');"
                    + " return JSON.stringify([link.getAttribute('href'), active ? active.getAttribute('href') : null]); })()"));
            if (!r.get(0).asText().equals(r.get(1).asText())) {
                problems.add(name(page) + ": scrolled to " + r.get(0).asText() + ", but the contents mark " + r.get(1));
            } else {
                findings.add(name(page) + ": scrolled to " + r.get(0).asText() + ", and the contents mark it");
            }
            shoot(page, "toc");
            return;
        }
        problems.add("no page has three sections to check that the contents follow the reader");
    }

    private void search(String query) throws IOException, InterruptedException {
        String url = site.resolve("search.html").toUri() + "?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
        open(url);
        JsonNode hits = json.readTree(eval("JSON.stringify(Array.from(document.querySelectorAll("
                + "'#search-results .search-result-title')).map(a => a.getAttribute('href')))"));
        String text = eval("document.getElementById('search-results').textContent.toLowerCase()");
        if (hits.isEmpty() || !text.contains(query.toLowerCase())) {
            problems.add("search.html?q=" + query + " lists no result that contains it: "
                    + eval("document.getElementById('search-status').textContent"));
        } else {
            findings.add("search.html?q=" + query + ": " + hits.size() + (hits.size() == 1 ? " section" : " sections")
                    + ", first " + hits.get(0).asText());
        }
        shoot(site.resolve("search.html"), "desktop");
    }

    private void theme(List<Path> pages) throws IOException, InterruptedException {
        String index = site.resolve("index.html").toUri().toString();
        ObjectNode dark = cdp.params();
        dark.putArray("features").addObject().put("name", "prefers-color-scheme").put("value", "dark");
        cdp.send(session, "Emulation.setEmulatedMedia", dark);
        open(index);
        eval("localStorage.removeItem('jocker-theme'), 'cleared'");
        open(index);
        boolean systemDark = isDark();
        ObjectNode light = cdp.params();
        light.putArray("features").addObject().put("name", "prefers-color-scheme").put("value", "light");
        cdp.send(session, "Emulation.setEmulatedMedia", light);
        open(index);
        boolean systemLight = !isDark();
        eval("document.querySelector('.theme-toggle').click(), 'clicked'");
        boolean toggled = isDark();
        Path chapter = pages.stream().filter(p -> !Path.of("index.html").equals(p.getFileName())).findFirst().orElseThrow();
        open(chapter.toUri().toString());
        boolean remembered = isDark();
        shoot(chapter, "dark");
        eval("localStorage.removeItem('jocker-theme'), 'cleared'");
        if (!systemDark || !systemLight) {
            problems.add("the theme does not follow the system's setting (dark: " + systemDark + ", light: " + !systemLight + ")");
        }
        if (!toggled || !remembered) {
            problems.add("the theme toggle does not switch to dark (" + toggled + ") or is not remembered (" + remembered + ")");
        }
        if (problems.stream().noneMatch(p -> p.startsWith("the theme"))) {
            findings.add("dark mode: follows the system, the toggle switches it, the next page remembers it");
        }
    }

    /** Whether the page's background is dark. */
    private boolean isDark() throws IOException, InterruptedException {
        String rgb = eval("getComputedStyle(document.body).backgroundColor");
        String[] parts = rgb.replaceAll("[^0-9,.]", "").split(",");
        double sum = Double.parseDouble(parts[0]) + Double.parseDouble(parts[1]) + Double.parseDouble(parts[2]);
        return sum < 3 * 100;
    }

    private void checkNetLog(Path netLog) throws IOException {
        if (!Files.exists(netLog) || Files.size(netLog) == 0) {
            problems.add("Chromium wrote no network log");
            return;
        }
        JsonNode log;
        try {
            log = json.readTree(netLog.toFile());
        } catch (IOException e) {
            // A browser that was stopped leaves the log without its closing brackets.
            String text = Files.readString(netLog).strip().replaceAll(",$", "");
            log = json.readTree(text.endsWith("]}") ? text : text + "]}");
        }
        int startJob = log.path("constants").path("logEventTypes").path("URL_REQUEST_START_JOB").asInt(-1);
        int pages = 0;
        int browserOwn = 0;
        for (JsonNode event : log.path("events")) {
            if (event.path("type").asInt() != startJob) {
                continue;
            }
            JsonNode params = event.path("params");
            String url = params.path("url").asText();
            if (url.isEmpty()) {
                continue; // the job's end, which repeats no address
            }
            // The browser's own requests (update checks and the like) have no origin; a page's have its origin, null for file:.
            if (params.path("initiator").asText().equals("not an origin")
                    && !params.path("network_isolation_key").asText().contains("file:")) {
                browserOwn++;
                continue;
            }
            pages++;
            if (!(url.startsWith("file:") || url.startsWith("data:"))) {
                problems.add("network log: a page requested " + url);
            }
        }
        // file: and data: loads do not pass the network stack, so a clean log has no page request at all.
        findings.add("network log: " + (pages == 0 ? "no page sent a request to the network"
                : pages + " page requests to the network") + " (" + browserOwn
                + " by the browser itself, such as update checks, left aside)");
    }

    private void viewport(int width, int height, boolean mobile) throws IOException, InterruptedException {
        cdp.send(session, "Emulation.setDeviceMetricsOverride", cdp.params().put("width", width).put("height", height)
                .put("deviceScaleFactor", 1).put("mobile", mobile));
    }

    private String eval(String expression) throws IOException, InterruptedException {
        JsonNode result = cdp.send(session, "Runtime.evaluate", cdp.params().put("expression", expression)
                .put("awaitPromise", true).put("returnByValue", true));
        if (result.has("exceptionDetails")) {
            throw new IOException("script failed in the page: " + result.path("exceptionDetails"));
        }
        return result.path("result").path("value").asText();
    }

    private void shoot(Path page, String kind) throws IOException, InterruptedException {
        if (screenshots == null) {
            return;
        }
        Files.createDirectories(screenshots);
        String png = cdp.send(session, "Page.captureScreenshot", cdp.params().put("format", "png")).path("data").asText();
        Files.write(screenshots.resolve(kind + "-" + page.getFileName().toString().replace(".html", ".png")),
                Base64.getDecoder().decode(png));
    }

    private String name(Path page) {
        return site.relativize(page.toAbsolutePath().normalize()).toString();
    }

    private static String first(String text) {
        String line = text.lines().findFirst().orElse("");
        return line.length() > 50 ? line.substring(0, 50) + "..." : line;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary profile left behind is harmless.
        }
    }
}
