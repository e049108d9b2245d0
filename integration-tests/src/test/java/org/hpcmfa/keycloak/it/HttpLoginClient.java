package org.hpcmfa.keycloak.it;

import java.net.CookieHandler;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser reduced to what a login needs: cookies, GET, form POST, and the form actions of Keycloak's
 * pages. For benchmarks and protocol tests, where a web driver's rendering cost would hide the server's.
 */
public final class HttpLoginClient {

    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new LocalhostCookies())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /**
     * Keycloak marks its cookies Secure even on http://localhost (browsers treat localhost as a secure
     * context); the JDK's CookieManager would never send them back over http. This jar keeps every cookie
     * by name and path, which is all a single-host test client needs.
     */
    private static final class LocalhostCookies extends CookieHandler {
        private final Map<String, java.net.HttpCookie> cookies = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
            String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
            String header = cookies.values().stream()
                    .filter(c -> !c.hasExpired() && path.startsWith(c.getPath() == null ? "/" : c.getPath()))
                    .map(c -> c.getName() + "=" + c.getValue())
                    .collect(Collectors.joining("; "));
            return header.isEmpty() ? Map.of() : Map.of("Cookie", List.of(header));
        }

        @Override
        public void put(URI uri, Map<String, List<String>> responseHeaders) {
            responseHeaders.forEach((name, values) -> {
                if ("Set-Cookie".equalsIgnoreCase(name)) {
                    for (String value : values) {
                        for (java.net.HttpCookie cookie : java.net.HttpCookie.parse(value)) {
                            if (cookie.getMaxAge() == 0) {
                                cookies.remove(cookie.getName());
                            } else {
                                cookies.put(cookie.getName(), cookie);
                            }
                        }
                    }
                }
            });
        }
    }

    private HttpResponse<String> last;
    private UnaryOperator<String> route = UnaryOperator.identity();

    /** Sends the following requests where {@code route} rewrites their URLs (the cluster tests pick a node). */
    public HttpLoginClient via(UnaryOperator<String> route) {
        this.route = route;
        return this;
    }

    public HttpResponse<String> get(String url) throws Exception {
        last = http.send(HttpRequest.newBuilder(URI.create(route.apply(url))).GET().build(), HttpResponse.BodyHandlers.ofString());
        return last;
    }

    public HttpResponse<String> post(String url, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        last = http.send(HttpRequest.newBuilder(URI.create(route.apply(url)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return last;
    }

    /** Posts the form with the given id on the last page. */
    public HttpResponse<String> submit(String formId, Map<String, String> fields) throws Exception {
        return post(formAction(formId), fields);
    }

    public String formAction(String formId) {
        Matcher form = Pattern.compile("<form[^>]*\\bid=\"" + Pattern.quote(formId) + "\"[^>]*>").matcher(last.body());
        if (!form.find()) {
            throw new AssertionError("no form " + formId + " on page (HTTP " + last.statusCode() + "): " + last.body());
        }
        Matcher action = Pattern.compile("action=\"([^\"]+)\"").matcher(form.group());
        if (!action.find()) {
            throw new AssertionError("form " + formId + " has no action");
        }
        return action.group(1).replace("&amp;", "&");
    }

    /** The redirect target of the last response. */
    public String location() {
        return last.headers().firstValue("Location")
                .orElseThrow(() -> new AssertionError("no redirect (HTTP " + last.statusCode() + "): " + last.body()));
    }

    public HttpResponse<String> last() {
        return last;
    }
}
