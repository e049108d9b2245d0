package org.hpcmfa.keycloak.sms.phone;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A phone number in E.164 form ({@code +3247123456}: a plus, a country code, at most 15 digits), the only form SMS
 * gateways accept without guessing a country. People may type spaces, dots, dashes and parentheses between digit
 * groups, and {@code 00} for the plus; nothing else is guessed (a national number without its country is refused).
 */
public record PhoneNumber(String e164) {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s.()\\-/]");

    public PhoneNumber {
        if (e164 == null || !E164.matcher(e164).matches()) {
            throw new IllegalArgumentException("not an E.164 number");
        }
    }

    /** The number as typed, read leniently; empty when it is not an international number. */
    public static Optional<PhoneNumber> parse(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String compact = SEPARATORS.matcher(typed.trim()).replaceAll("");
        if (compact.startsWith("00")) {
            compact = "+" + compact.substring(2);
        }
        return E164.matcher(compact).matches() ? Optional.of(new PhoneNumber(compact)) : Optional.empty();
    }

    /** "+32 *** *** 56": the country and the last two digits, enough to recognise one's phone. */
    public String masked() {
        int keepStart = Math.min(3, e164.length() - 2);
        return e164.substring(0, keepStart) + " *** *** " + e164.substring(e164.length() - 2);
    }

    @Override
    public String toString() {
        return e164;
    }
}
