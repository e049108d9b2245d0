package org.hpcmfa.keycloak.common.terminal;

import java.util.List;
import java.util.function.Function;

/**
 * What the started factors of one terminal exchange (a terminal login, a certificate renewal) say about one answer:
 * the first factor that accepts it (and its acceptance, which may carry a notice), else the first rejection, or a
 * "not yet" (a push not answered).
 */
public record TerminalVerdicts(TerminalFactor accepted, TerminalVerdict acceptance, TerminalVerdict rejected,
        String rejectedBy, TerminalVerdict pending) {

    /** Asks each started entry's factor ({@code factor}) through {@code check}, in order. */
    public static <T> TerminalVerdicts read(List<T> started, Function<T, TerminalFactor> factor,
            Function<T, TerminalVerdict> check) {
        TerminalVerdict rejected = null;
        String rejectedBy = null;
        TerminalVerdict pending = null;
        for (T entry : started) {
            TerminalVerdict verdict = check.apply(entry);
            switch (verdict.kind()) {
                case ACCEPTED -> {
                    return new TerminalVerdicts(factor.apply(entry), verdict, null, null, null);
                }
                case REJECTED -> {
                    if (rejected == null) {
                        rejected = verdict;
                        rejectedBy = factor.apply(entry).authenticatorId();
                    }
                }
                case PENDING -> pending = pending == null ? verdict : pending;
                default -> { }
            }
        }
        return new TerminalVerdicts(null, null, rejected, rejectedBy, pending);
    }

    /** Nothing decided, a push request not answered yet, and no code typed: worth waiting for. */
    public boolean waiting(String answer) {
        return accepted == null && rejected == null && pending != null && answer.isEmpty();
    }
}
