package org.hpcmfa.keycloak.push.protocol;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contract between the two waiting pages (login approval, phone enrolment) and the status checks they call,
 * named once here. A page is given the status URL, the JSON field to read and the values that end the waiting as
 * data attributes of its form ({@code hpc-push.js} reads them and holds no name of its own), so Java and the
 * script cannot disagree.
 */
public final class PageStatus {

    /** Under {@link PushUrls#PATH}: has the phone answered the login's request yet? */
    public static final String LOGIN_PATH = "login-status";
    /** Under {@link PushUrls#PATH}: has the phone completed the enrolment yet? */
    public static final String ENROLMENT_PATH = "enrolment-status";
    /** The query parameter carrying the page's watch token ({@link WatchTokens}). */
    public static final String WATCH_PARAM = "watch";
    /**
     * The query parameter by which a page asks the status check to wait (seconds) until the state changes: a long
     * poll, so the page learns of the phone's answer within milliseconds rather than within its polling interval.
     */
    public static final String WAIT_PARAM = "wait";
    /**
     * How long a page lets one status check wait. Short on purpose: the page learns of the answer as fast whatever
     * the wait (Keycloak re-reads every 25 ms), a waiting page holds one worker thread either way, and browsers
     * whose script engine waits for an open request before running timers (HtmlUnit) still count down on time;
     * still five times fewer requests than asking every 400 ms, and far below any proxy's idle timeout.
     */
    public static final int WAIT_SECONDS = 2;
    /** The login status answer's field: the name of a login watch state. */
    public static final String LOGIN_FIELD = "state";
    /** The enrolment status answer's field: {@code true} once the phone is enrolled. */
    public static final String ENROLMENT_FIELD = "enrolled";

    /** The template model keys, rendered as {@code data-status-url}, {@code data-status-field}, {@code data-done-values}. */
    public static final String MODEL_URL = "statusUrl";
    public static final String MODEL_FIELD = "statusField";
    public static final String MODEL_DONE_VALUES = "doneValues";

    private PageStatus() {
    }

    /** What a waiting page needs to ask: the URL of {@code path} for {@code watch}, the field, the ending values. */
    public static Map<String, Object> model(URI baseUri, String realmName, String path, String watch, String field,
            List<String> doneValues) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put(MODEL_URL, PushUrls.appUrl(baseUri, realmName, null) + "/" + path + "?" + WATCH_PARAM + "=" + watch
                + "&" + WAIT_PARAM + "=" + WAIT_SECONDS);
        model.put(MODEL_FIELD, field);
        // Space-separated: the values are single lower-case words.
        model.put(MODEL_DONE_VALUES, String.join(" ", doneValues));
        return model;
    }
}
