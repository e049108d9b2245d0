package org.hpcmfa.keycloak.push.protocol;

import java.net.URI;
import java.util.Locale;

/**
 * The URL the app talks to. The app re-parses the signed URL with Dart's {@code Uri} before checking the
 * signature (spec section 5.3), so it must already be canonical: lower-case scheme and host, no default port,
 * no query or fragment.
 */
public final class PushUrls {

    public static final String PATH = "pipush";

    private PushUrls() {
    }

    /** {@code <base>/realms/<realm>/pipush}, or the admin's public URL when one is set. */
    public static String appUrl(URI baseUri, String realmName, String configuredUrl) {
        if (configuredUrl != null && !configuredUrl.isBlank()) {
            return canonical(URI.create(configuredUrl.trim()));
        }
        String base = baseUri.toString();
        return canonical(URI.create((base.endsWith("/") ? base : base + "/") + "realms/" + realmName + "/" + PATH));
    }

    static String canonical(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("https".equals(scheme) && port == 443) || ("http".equals(scheme) && port == 80);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port) + path;
    }
}
