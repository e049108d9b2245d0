package org.hpcmfa.keycloak.sshcert.renew;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.hpcmfa.keycloak.common.compat.BruteForceReports;
import org.hpcmfa.keycloak.common.rest.LongPoll;
import org.hpcmfa.keycloak.common.terminal.TerminalVerdict;
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
            LongPoll waits)
            throws SignRefusal {
        refuseIfLockedOut(session, realm, caller.user());
        String answer = rawAnswer == null ? "" : rawAnswer.strip();
        List<String> started = Arrays.asList(notes.get(RenewalHandles.NOTE_FACTORS).split(","));
        List<RenewalFactors.Offered> mine = RenewalFactors.offered(session, realm, new RenewalSettings(1, started));
        Verdicts verdicts = waits.await(() -> {
            Verdicts read = Verdicts.read(session, realm, caller, mine, notes, answer);
            return read.waiting(answer) ? Optional.empty() : Optional.of(read);
        }, waitSeconds * 1000L, STEP_MILLIS).orElseGet(() -> Verdicts.read(session, realm, caller, mine, notes, answer));
        if (verdicts.waiting(answer)) {
            return new Outcome(null, verdicts.pending());
        }
        if (!handles.take(handle)) {
            throw SignRefusal.badRequest("invalid_handle", "This renewal was already answered.");
        }
        if (verdicts.acceptedBy() != null) {
            bruteForce(session, realm).ifPresent(b -> BruteForceReports.successfulLogin(b, realm, caller.user(),
                    session.getContext().getConnection(), session.getContext().getUri(), categoryOf(session, verdicts.acceptedBy())));
            return new Outcome(verdicts.acceptedBy(), null);
        }
        bruteForce(session, realm).ifPresent(b -> BruteForceReports.failedLogin(b, realm, caller.user(),
                session.getContext().getConnection(), session.getContext().getUri(), categoryOf(session, verdicts.rejectedBy())));
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

    /** What the started factors said about one answer: the first acceptance, rejection, or "not yet". */
    private record Verdicts(String acceptedBy, TerminalVerdict rejected, String rejectedBy, TerminalVerdict pending) {

        /** Nothing decided yet, and something to wait for (a push request not answered). */
        boolean waiting(String answer) {
            return acceptedBy == null && rejected == null && pending != null && answer.isEmpty();
        }

        static Verdicts read(KeycloakSession session, RealmModel realm, CertificateRequester.Caller caller,
                List<RenewalFactors.Offered> factors, Map<String, String> notes, String answer) {
            TerminalVerdict rejected = null;
            String rejectedBy = null;
            TerminalVerdict pending = null;
            for (RenewalFactors.Offered offered : factors) {
                TerminalVerdict verdict = offered.factor().check(RenewalStart.login(session, realm, caller, offered, notes), answer);
                switch (verdict.kind()) {
                    case ACCEPTED -> {
                        return new Verdicts(offered.factor().authenticatorId(), null, null, null);
                    }
                    case REJECTED -> {
                        if (rejected == null) {
                            rejected = verdict;
                            rejectedBy = offered.factor().authenticatorId();
                        }
                    }
                    case PENDING -> pending = pending == null ? verdict : pending;
                    default -> { }
                }
            }
            return new Verdicts(null, rejected, rejectedBy, pending);
        }
    }
}
