package org.hpcmfa.keycloak.accountapi;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.hpcmfa.keycloak.common.CredentialTypes;
import org.hpcmfa.keycloak.common.compat.BruteForceReports;
import org.hpcmfa.keycloak.common.rest.ApiRefusal;
import org.hpcmfa.keycloak.common.selfservice.SelfServiceCall;
import org.hpcmfa.keycloak.common.terminal.TerminalFactor;
import org.hpcmfa.keycloak.common.terminal.TerminalHint;
import org.hpcmfa.keycloak.common.terminal.TerminalLogin;
import org.hpcmfa.keycloak.common.terminal.TerminalVerdict;
import org.hpcmfa.keycloak.common.totp.OtpCredentials;
import org.keycloak.events.Details;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.services.managers.BruteForceProtector;

/**
 * {@code mfa get-token} and {@code mfa verify}, through the factors of the terminal prompt (mfa-common's
 * {@link TerminalFactor}: TOTP, email code, SMS, recovery code, each implemented by the module that owns it), so
 * a code is checked by the same rules at the SSH prompt and here. The factors' notes (a sent code's hash) live in
 * Keycloak's single-use store under the person, for {@value #NOTES_SECONDS} seconds.
 */
final class Codes {

    static final int NOTES_SECONDS = 300;
    private static final String NOTES = "hpc-mfa-account.codes.";

    private Codes() {
    }

    static Map<String, Object> send(SelfServiceCall call, Bodies.Method body) throws ApiRefusal {
        String method = body.method == null ? "" : body.method.trim().toUpperCase(Locale.ROOT);
        call.event().detail(Answers.METHOD, method);
        String type = Methods.SENT_CODES.get(method);
        TerminalFactor factor = type == null ? null : factors(call).stream()
                .filter(f -> type.equals(f.credentialType())).findFirst().orElse(null);
        if (factor == null) {
            throw Answers.methodNotOffered(method);
        }
        TerminalLogin login = login(call);
        if (!factor.usableBy(login)) {
            throw new ApiRefusal(400, "method_not_enrolled", "You have not set up '" + method + "'; see 'mfa ls'.");
        }
        call.limit("codes");
        Optional<TerminalHint> hint = factor.start(login);
        save(call, login.notes());
        return sent(hint.orElse(null));
    }

    /**
     * What the factor's prompt line says, as an answer: the factors speak in message keys of the login theme
     * ({@code ...terminalSent} with the masked address or phone, {@code ...terminalCooldown} with the seconds to
     * wait, anything else: not sent).
     */
    static Map<String, Object> sent(TerminalHint hint) throws ApiRefusal {
        String key = hint == null ? "" : hint.messageKey().toLowerCase(Locale.ROOT);
        String first = hint == null || hint.parameters().isEmpty() ? null : hint.parameters().get(0);
        if (key.contains("cooldown")) {
            int seconds = first != null && first.matches("[0-9]{1,6}") ? Integer.parseInt(first) : 60;
            throw new ApiRefusal(429, "rate_limited", "A code was sent a moment ago; wait " + seconds
                    + " seconds before asking for another.", seconds);
        }
        if (!key.endsWith("sent") || key.endsWith("notsent")) {
            throw new ApiRefusal(503, "code_not_sent", "The code could not be sent; try again in a moment.");
        }
        return Answers.of("sentTo", first, "expiresIn", NOTES_SECONDS);
    }

    static Map<String, Object> verify(SelfServiceCall call, Bodies.Code body) throws ApiRefusal {
        String code = body.code == null ? "" : body.code.trim();
        TerminalLogin login = login(call);
        List<TerminalFactor> usable = factors(call).stream()
                .filter(TerminalFactor::answeredByTyping).filter(f -> f.usableBy(login)).toList();
        boolean otpFallback = usable.stream().noneMatch(f -> CredentialTypes.OTP.equals(f.credentialType()))
                && call.user().credentialManager().isConfiguredFor(CredentialTypes.OTP);
        if (usable.isEmpty() && !otpFallback) {
            throw new ApiRefusal(400, "no_factor", "You have no second factor that takes a typed code; see 'mfa ls'.");
        }
        BruteForceProtector protector = call.session().getProvider(BruteForceProtector.class);
        if (protector.isTemporarilyDisabled(call.session(), call.realm(), call.user())
                || protector.isPermanentlyLockedOut(call.session(), call.realm(), call.user())) {
            throw Answers.locked();
        }
        String accepted = null;
        if (otpFallback && !code.isEmpty() && OtpCredentials.accept(call.user(), code)) {
            accepted = CredentialTypes.OTP;
        }
        for (TerminalFactor factor : usable) {
            if (accepted != null || code.isEmpty()) {
                break;
            }
            if (factor.check(login, code).kind() == TerminalVerdict.Kind.ACCEPTED) {
                accepted = factor.credentialType();
            }
        }
        // A sent code gets one try, as at the SSH prompt (where the handle is single use): a new one is requested.
        save(call, Map.of());
        if (accepted == null) {
            BruteForceReports.failedLogin(protector, call.realm(), call.user(), call.session().getContext().getConnection(),
                    call.session().getContext().getUri(), CredentialTypes.OTP);
            throw new ApiRefusal(400, "invalid_code", "That code is not right for any of your second factors.");
        }
        BruteForceReports.successfulLogin(protector, call.realm(), call.user(), call.session().getContext().getConnection(),
                call.session().getContext().getUri(), accepted);
        call.event().detail(Details.CREDENTIAL_TYPE, accepted);
        String method = Methods.ofType(accepted).orElse(accepted);
        call.event().detail(Answers.METHOD, method);
        return Answers.of("verified", true, "method", method);
    }

    /** The installed factors; recovery codes last, as checking one uses it up. */
    private static List<TerminalFactor> factors(SelfServiceCall call) {
        return call.session().getAllProviders(TerminalFactor.class).stream()
                .sorted(Comparator.comparing(f -> CredentialTypes.RECOVERY_CODES.equals(f.credentialType())))
                .toList();
    }

    private static TerminalLogin login(SelfServiceCall call) {
        Map<String, String> stored = call.session().singleUseObjects().get(key(call));
        return new TerminalLogin(call.session(), call.realm(), call.user(),
                call.session().getContext().getConnection().getRemoteAddr(), null,
                stored == null ? new HashMap<>() : new HashMap<>(stored));
    }

    private static void save(SelfServiceCall call, Map<String, String> notes) {
        SingleUseObjectProvider store = call.session().singleUseObjects();
        store.remove(key(call));
        if (!notes.isEmpty()) {
            store.put(key(call), NOTES_SECONDS, notes);
        }
    }

    private static String key(SelfServiceCall call) {
        return NOTES + call.realm().getId() + "." + call.user().getId();
    }
}
