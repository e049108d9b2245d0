package org.hpcmfa.keycloak.common.factors;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The factors one login proved, from its completed steps: {first factor proven?, second factors proven}. A
 * person's certificate needs both, from distinct steps; a username plus one code is one factor. The sign request
 * itself may prove the first factor (possession of an SSH key the person registered beforehand): that input is
 * explicit, false unless the caller checked such a proof.
 */
public final class TwoFactorEvidence {

    /** One completed step of the login: its authenticator id and that authenticator's reference category. */
    public record Step(String authenticatorId, String referenceCategory) {
    }

    static final String FIRST_FACTORS = "password or passkey";
    static final String SECOND_FACTORS = "TOTP, push, security key or recovery code";

    private final Set<LoginFactor> proven;

    private TwoFactorEvidence(Set<LoginFactor> proven) {
        this.proven = proven;
    }

    /**
     * @param steps the login's completed steps
     * @param secondFactorNote the credential type the pack's password-and-OTP form noted in the user session, or
     *        null; it counts only when that form is among the steps, so a note left by an earlier login of the
     *        same session never completes a later one
     * @param firstFactorByRequest the sign request proved a first factor itself (a registered SSH key)
     */
    public static TwoFactorEvidence of(Collection<Step> steps, String secondFactorNote, boolean firstFactorByRequest) {
        Set<LoginFactor> proven = EnumSet.noneOf(LoginFactor.class);
        boolean passwordOtpForm = false;
        for (Step step : steps) {
            LoginFactor.ofStep(step.authenticatorId(), step.referenceCategory()).ifPresent(proven::add);
            passwordOtpForm |= LoginFactor.PASSWORD_OTP_FORM.equals(step.authenticatorId());
        }
        if (passwordOtpForm) {
            LoginFactor.ofCredentialType(secondFactorNote).ifPresent(proven::add);
        }
        if (firstFactorByRequest) {
            proven.add(LoginFactor.REGISTERED_SSH_KEY);
        }
        return new TwoFactorEvidence(proven);
    }

    /** Everything the login proved (for the certificate's evidence extensions). */
    public Set<LoginFactor> proven() {
        return proven.isEmpty() ? EnumSet.noneOf(LoginFactor.class) : EnumSet.copyOf(proven);
    }

    public boolean firstFactorProven() {
        return proven.stream().anyMatch(f -> f.kind() == LoginFactor.Kind.FIRST);
    }

    /** The second factors proven; email codes only when the CA lets them count. */
    public Set<LoginFactor> secondFactors(boolean emailCodesCount) {
        return proven.stream().filter(f -> f.kind() == LoginFactor.Kind.SECOND
                || emailCodesCount && f.kind() == LoginFactor.Kind.EMAIL_CODE)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(LoginFactor.class)));
    }

    /** Everything the login proved, e.g. "password+TOTP" (for events); "none" when nothing. */
    public String summary() {
        return proven.isEmpty() ? "none" : proven.stream().map(LoginFactor::label).collect(Collectors.joining("+"));
    }

    /**
     * Why this login may not have a certificate, for the refusal ({@code "Access requires MFA: ..."}); empty when
     * it proved a first and a second factor.
     */
    public Optional<String> missing(boolean emailCodesCount) {
        boolean first = firstFactorProven();
        boolean second = !secondFactors(emailCodesCount).isEmpty();
        if (first && second) {
            return Optional.empty();
        }
        StringBuilder why = new StringBuilder("Access requires MFA: the login proved ");
        if (!first) {
            why.append("no first factor (").append(FIRST_FACTORS).append(')');
        }
        if (!second) {
            why.append(first ? "" : " and ").append("no second factor (").append(SECOND_FACTORS).append(')');
            if (!emailCodesCount && proven.contains(LoginFactor.EMAIL_CODE)) {
                why.append("; email codes do not count for certificates in this realm");
            }
        }
        why.append(". It proved: ").append(proven.isEmpty() ? "nothing that counts" : summary().replace("+", ", "))
                .append(". Log in again with your password and a second factor.");
        return Optional.of(why.toString());
    }
}
