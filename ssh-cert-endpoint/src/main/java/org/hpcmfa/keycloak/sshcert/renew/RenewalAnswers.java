package org.hpcmfa.keycloak.sshcert.renew;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.hpcmfa.keycloak.common.compat.BruteForceReports;
import org.hpcmfa.keycloak.common.rest.LongPoll;
import org.hpcmfa.keycloak.common.terminal.TerminalVerdict;
import org.hpcmfa.keycloak.common.terminal.TerminalVerdicts;
import org.hpcmfa.keycloak.sshcert.policy.CertificateRequester;
import org.hpcmfa.keycloak.sshcert.policy.SignRefusal;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.BruteForceProtector;

/**
 * The second half of a renewal: the person's answer read by each started factor. An empty answer waits, server
 * side and bounded, for the phone's approval (re-read from the cluster-wide store, so the approval may reach any
 * node), then answers "pending" and keeps the handle; an accepted, rejected or wrong answer takes the handle,
 * so one renewal ends once. Wrong answers count for Keycloak's brute-force detector, as at the terminal prompt.
 */
final class RenewalAnswers {

    /** How often a waiting renewal re-reads the store: an in-memory read per started push request. */
    static final long STEP_MILLIS = 25;

    /** The factor that accepted the answer, or the reason for a "not yet". */
    record Outcome(String acceptedBy, TerminalVerdict pending) {
    }

    private RenewalAnswers() {
    }

    static Outcome judge(KeycloakSession session, RealmModel realm, CertificateRequester.Caller caller,
            RenewalHandles handles, String handle, Map<String, String> notes, String rawAnswer, int waitSeconds,
            LongPoll waits) throws SignRefusal {
        refuseIfLockedOut(session, realm, caller.user());
        String answer = rawAnswer == null ? "" : rawAnswer.strip();
        List<String> started = Arrays.asList(notes.get(RenewalHandles.NOTE_FACTORS).split(","));
        List<RenewalFactors.Offered> mine = RenewalFactors.offered(session, realm, new RenewalSettings(1, started));
        TerminalVerdicts verdicts = waits.await(() -> {
            TerminalVerdicts read = read(session, realm, caller, mine, notes, answer);
            return read.waiting(answer) ? Optional.empty() : Optional.of(read);
        }, waitSeconds * 1000L, STEP_MILLIS).orElseGet(() -> read(session, realm, caller, mine, notes, answer));
        if (verdicts.waiting(answer)) {
            return new Outcome(null, verdicts.pending());
        }
        if (!handles.take(handle)) {
            throw SignRefusal.badRequest("invalid_handle", "This renewal was already answered.");
        }
        if (verdicts.accepted() != null) {
            String factor = verdicts.accepted().authenticatorId();
            bruteForce(session, realm).ifPresent(b -> BruteForceReports.successfulLogin(b, realm, caller.user(),
                    session.getContext().getConnection(), session.getContext().getUri(), categoryOf(session, factor)));
            return new Outcome(factor, null);
        }
        String category = categoryOf(session, verdicts.rejectedBy());
        bruteForce(session, realm).ifPresent(b -> BruteForceReports.failedLogin(b, realm, caller.user(),
                session.getContext().getConnection(), session.getContext().getUri(), category));
        if (verdicts.rejected() != null) {
            throw SignRefusal.unauthorized("renewal_refused", "The second factor refused the renewal ("
                    + verdicts.rejected().error() + ").");
        }
        throw SignRefusal.unauthorized(answer.isEmpty() ? "code_required" : "wrong_code", answer.isEmpty()
                ? "An empty answer, and no push request to approve." : "Wrong code.");
    }

    static void refuseIfLockedOut(KeycloakSession session, RealmModel realm, UserModel user) throws SignRefusal {
        Optional<BruteForceProtector> protector = bruteForce(session, realm);
        if (protector.isPresent() && (protector.get().isTemporarilyDisabled(session, realm, user)
                || protector.get().isPermanentlyLockedOut(session, realm, user))) {
            throw SignRefusal.forbidden("user_locked_out", "Too many wrong answers: the account is locked for a "
                    + "while by brute-force detection.");
        }
    }

    private static Optional<BruteForceProtector> bruteForce(KeycloakSession session, RealmModel realm) {
        return realm.isBruteForceProtected() ? Optional.ofNullable(session.getProvider(BruteForceProtector.class))
                : Optional.empty();
    }

    private static String categoryOf(KeycloakSession session, String authenticatorId) {
        if (authenticatorId == null) {
            return null;
        }
        var factory = session.getKeycloakSessionFactory().getProviderFactory(Authenticator.class, authenticatorId);
        return factory instanceof AuthenticatorFactory authenticator ? authenticator.getReferenceCategory() : null;
    }

    private static TerminalVerdicts read(KeycloakSession session, RealmModel realm, CertificateRequester.Caller caller,
            List<RenewalFactors.Offered> started, Map<String, String> notes, String answer) {
        return TerminalVerdicts.read(started, RenewalFactors.Offered::factor,
                offered -> offered.factor().check(RenewalStart.login(session, realm, caller, offered, notes), answer));
    }
}
