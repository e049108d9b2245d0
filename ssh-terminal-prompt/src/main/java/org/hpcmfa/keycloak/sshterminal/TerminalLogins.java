package org.hpcmfa.keycloak.sshterminal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.hpcmfa.keycloak.common.compat.BruteForceReports;
import org.hpcmfa.keycloak.common.rest.LongPoll;
import org.hpcmfa.keycloak.common.terminal.TerminalFactor;
import org.hpcmfa.keycloak.common.terminal.TerminalHint;
import org.hpcmfa.keycloak.common.terminal.TerminalLogin;
import org.hpcmfa.keycloak.common.terminal.TerminalVerdict;
import org.hpcmfa.keycloak.common.terminal.TerminalVerdicts;
import org.hpcmfa.keycloak.sshterminal.settings.TerminalSettings;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.BruteForceProtector;

/**
 * The terminal login itself. Start: the user's usable factors are started (push sent, code mailed) and their
 * state kept with a single-use handle. Finish: the handle is taken, the answer shown to each started factor (an
 * empty answer may wait, bounded, for the phone's approval); wrong answers and declined pushes are failures for
 * Keycloak's brute-force detector.
 */
final class TerminalLogins {

    static final String NOTE_USER = "user";
    static final String NOTE_GATEWAY = "gateway";
    static final String NOTE_REMOTE = "remote";
    static final String NOTE_FACTORS = "factors";
    /** How often a waiting finish re-reads the phone's answer: an in-memory read of the cluster-wide store. */
    static final long WAIT_STEP_MILLIS = 25;

    record Started(UserModel user, String handle, List<TerminalHint> hints, boolean typed, boolean push,
            List<String> factors) {
    }

    /** A login the second factor accepted; {@code acceptance} may carry a notice for the person. */
    record Finished(UserModel user, String credentialType, String remoteAddress, TerminalVerdict acceptance) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final TerminalSettings settings;

    TerminalLogins(KeycloakSession session, RealmModel realm, TerminalSettings settings) {
        this.session = session;
        this.realm = realm;
        this.settings = settings;
    }

    Started start(GatewayClient gateway, String username, String remoteAddress) throws TerminalRefusal {
        UserModel user = username == null || username.isBlank() ? null
                : session.users().getUserByUsername(realm, username.trim());
        if (user == null) {
            throw TerminalRefusal.keycloak(404, Errors.USER_NOT_FOUND, "No user '" + username + "' in realm "
                    + realm.getName() + ".", TerminalPrompt.MSG_UNKNOWN_USER);
        }
        try {
            return start(gateway, user, remoteAddress);
        } catch (TerminalRefusal refusal) {
            throw refusal.forUser(user);
        }
    }

    private Started start(GatewayClient gateway, UserModel user, String remoteAddress) throws TerminalRefusal {
        refuseIfLockedOut(user);
        Map<String, String> notes = new HashMap<>();
        List<TerminalFactors.Offered> usable = new ArrayList<>();
        for (TerminalFactors.Offered offered : TerminalFactors.offered(session, realm, settings)) {
            if (offered.factor().usableBy(login(user, remoteAddress, offered, notes))) {
                usable.add(offered);
            }
        }
        if (usable.isEmpty()) {
            throw TerminalRefusal.prompt(403, "no_second_factor", "User " + user.getUsername() + " has no second "
                    + "factor usable at the terminal prompt.", TerminalPrompt.MSG_NO_FACTOR);
        }
        List<TerminalHint> hints = new ArrayList<>();
        for (TerminalFactors.Offered offered : usable) {
            offered.factor().start(login(user, remoteAddress, offered, notes)).ifPresent(hints::add);
        }
        List<String> ids = usable.stream().map(o -> o.factor().authenticatorId()).toList();
        notes.put(NOTE_USER, user.getId());
        notes.put(NOTE_GATEWAY, gateway.client().getId());
        notes.put(NOTE_REMOTE, remoteAddress == null ? "" : remoteAddress);
        notes.put(NOTE_FACTORS, String.join(",", ids));
        String handle = new TerminalHandles(session.singleUseObjects(), realm.getId()).create(notes, settings.handleSeconds());
        // Per login: push with code-to-phone is answered by typing the code the phone shows.
        boolean typed = usable.stream().anyMatch(o -> o.factor().answeredByTyping(login(user, remoteAddress, o, notes)));
        boolean push = usable.stream().anyMatch(o -> !o.factor().answeredByTyping(login(user, remoteAddress, o, notes)));
        return new Started(user, handle, hints, typed, push, ids);
    }

    Finished finish(GatewayClient gateway, String handle, String rawAnswer, int waitSeconds, LongPoll waits)
            throws TerminalRefusal {
        Map<String, String> stored = new TerminalHandles(session.singleUseObjects(), realm.getId())
                .take(handle, gateway.client().getId());
        if (stored == null) {
            throw TerminalRefusal.prompt(400, "invalid_handle", "The handle is unknown, was used already, expired, "
                    + "or belongs to another gateway.", TerminalPrompt.MSG_HANDLE_INVALID);
        }
        Map<String, String> notes = new HashMap<>(stored);
        UserModel user = session.users().getUserById(realm, notes.get(NOTE_USER));
        if (user == null) {
            throw TerminalRefusal.keycloak(404, Errors.USER_NOT_FOUND, "The user of this handle no longer exists.",
                    TerminalPrompt.MSG_UNKNOWN_USER);
        }
        try {
            return finish(user, notes, rawAnswer, waitSeconds, waits);
        } catch (TerminalRefusal refusal) {
            throw refusal.forUser(user);
        }
    }

    private Finished finish(UserModel user, Map<String, String> notes, String rawAnswer, int waitSeconds,
            LongPoll waits) throws TerminalRefusal {
        refuseIfLockedOut(user);
        String answer = rawAnswer == null ? "" : rawAnswer.strip();
        String remote = notes.get(NOTE_REMOTE);
        List<String> started = Arrays.asList(notes.get(NOTE_FACTORS).split(","));
        List<TerminalFactors.Offered> offered = TerminalFactors.offered(session, realm, settings).stream()
                .filter(o -> started.contains(o.factor().authenticatorId())).toList();
        // Enter pressed before the phone's approval: wait for it here (bounded), instead of a refusal and a retry.
        TerminalVerdicts verdicts = waits.await(() -> {
            TerminalVerdicts read = read(user, notes, answer, remote, offered);
            return read.waiting(answer) ? Optional.empty() : Optional.of(read);
        }, waitSeconds * 1000L, WAIT_STEP_MILLIS).orElseGet(() -> read(user, notes, answer, remote, offered));
        if (verdicts.accepted() != null) {
            bruteForce().ifPresent(b -> BruteForceReports.successfulLogin(b, realm, user,
                    session.getContext().getConnection(), session.getContext().getUri(),
                    categoryOf(verdicts.accepted().authenticatorId())));
            return new Finished(user, verdicts.accepted().credentialType(), remote, verdicts.acceptance());
        }
        TerminalVerdict rejected = verdicts.rejected();
        if (rejected != null) {
            throw failed(user, categoryOf(verdicts.rejectedBy()), new TerminalRefusal(401, rejected.error(),
                    rejected.error(), "The second factor refused this login.",
                    rejected.messageKey(), rejected.messageParameters(), rejected.eventDetails()));
        }
        if (!answer.isEmpty()) {
            throw failed(user, null, TerminalRefusal.keycloak(401, Errors.INVALID_USER_CREDENTIALS, "Wrong code.",
                    TerminalPrompt.MSG_WRONG_CODE));
        }
        TerminalVerdict pending = verdicts.pending();
        if (pending != null) {
            // The factor names its verdicts by the scheme (e.g. push's), for the answer and the event alike.
            throw new TerminalRefusal(401, pending.error(), pending.error(), "No answer from the phone yet.",
                    pending.messageKey(), List.of(), Map.of());
        }
        throw TerminalRefusal.prompt(401, "code_required", "An empty answer, and no push request to approve.",
                TerminalPrompt.MSG_EMPTY_ANSWER);
    }

    private TerminalVerdicts read(UserModel user, Map<String, String> notes, String answer, String remote,
            List<TerminalFactors.Offered> started) {
        return TerminalVerdicts.read(started, TerminalFactors.Offered::factor,
                offered -> offered.factor().check(login(user, remote, offered, notes), answer));
    }

    /** A wrong answer: counted by the brute-force detector, under the factor's category where one is known. */
    private TerminalRefusal failed(UserModel user, String category, TerminalRefusal refusal) {
        bruteForce().ifPresent(b -> BruteForceReports.failedLogin(b, realm, user,
                session.getContext().getConnection(), session.getContext().getUri(), category));
        return refusal;
    }

    /** The reference category of the browser authenticator behind a factor ("otp", "hpc-push", ...), as Keycloak
     *  passes it for its own flows; null (always counted) when the factor names none. */
    private String categoryOf(String authenticatorId) {
        if (authenticatorId == null) {
            return null;
        }
        var factory = session.getKeycloakSessionFactory().getProviderFactory(Authenticator.class, authenticatorId);
        return factory instanceof AuthenticatorFactory authenticator ? authenticator.getReferenceCategory() : null;
    }

    private void refuseIfLockedOut(UserModel user) throws TerminalRefusal {
        if (!user.isEnabled()) {
            throw TerminalRefusal.keycloak(403, Errors.USER_DISABLED, "User " + user.getUsername() + " is disabled.",
                    TerminalPrompt.MSG_LOCKED_OUT);
        }
        Optional<BruteForceProtector> protector = bruteForce();
        if (protector.isPresent() && (protector.get().isTemporarilyDisabled(session, realm, user)
                || protector.get().isPermanentlyLockedOut(session, realm, user))) {
            throw TerminalRefusal.keycloak(403, Errors.USER_TEMPORARILY_DISABLED, "User " + user.getUsername()
                    + " is locked out by brute-force detection.", TerminalPrompt.MSG_LOCKED_OUT);
        }
    }

    private Optional<BruteForceProtector> bruteForce() {
        return realm.isBruteForceProtected() ? Optional.ofNullable(session.getProvider(BruteForceProtector.class))
                : Optional.empty();
    }

    private TerminalLogin login(UserModel user, String remoteAddress, TerminalFactors.Offered offered,
            Map<String, String> notes) {
        return new TerminalLogin(session, realm, user, remoteAddress, offered.config(), notes);
    }
}
