package org.hpcmfa.keycloak.accountrecovery.census;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CensusPaginationTest {

    @Test
    void absentParametersListTheFirstHundred() {
        assertEquals(new CensusPagination(0, 100), CensusPagination.parse(null, null));
        assertEquals(new CensusPagination(0, 100), CensusPagination.parse("", ""));
    }

    @Test
    void givenValuesAreTakenAsTheyAre() {
        assertEquals(new CensusPagination(200, 50), CensusPagination.parse("200", "50"));
        assertEquals(new CensusPagination(0, 0), CensusPagination.parse("0", "0"));
        assertEquals(new CensusPagination(0, CensusPagination.MAX_CAP), CensusPagination.parse("0", " 1000 "));
    }

    @Test
    void aNegativeOrNonNumericFirstIsRefusedNamingTheParameter() {
        for (String first : new String[] {"-1", "abc", "1.5", "99999999999"}) {
            CensusPagination.InvalidPagination refused = assertThrows(CensusPagination.InvalidPagination.class,
                    () -> CensusPagination.parse(first, null), first);
            assertTrue(refused.getMessage().startsWith("first "), refused.getMessage());
        }
    }

    @Test
    void aMaxOutsideZeroToTheCapIsRefusedNamingTheParameter() {
        for (String max : new String[] {"-1", "1001", "ten", "0x10"}) {
            CensusPagination.InvalidPagination refused = assertThrows(CensusPagination.InvalidPagination.class,
                    () -> CensusPagination.parse(null, max), max);
            assertTrue(refused.getMessage().startsWith("max "), refused.getMessage());
            assertTrue(refused.getMessage().contains("1000"), refused.getMessage());
        }
    }

    @Test
    void theErrorCodeIsStable() {
        assertEquals("invalid_pagination", CensusPagination.InvalidPagination.CODE);
    }
}
