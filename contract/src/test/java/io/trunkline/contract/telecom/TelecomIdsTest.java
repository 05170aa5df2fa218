package io.trunkline.contract.telecom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TelecomIdsTest {

    @Test
    void e164NumbersAreValidatedAndGiveTheirDigits() {
        assertEquals("442071234567", new E164Number("+442071234567").digits());
        for (String bad : new String[] {null, "", "442071234567", "+0441", "+1234567890123456", "+44 20", "+4"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new E164Number(bad));
            assertTrue(e.getMessage().contains("E.164"), e.getMessage());
        }
        assertTrue(E164Number.isE164("+12125550100"));
        assertFalse(E164Number.isE164("2125550100"));
    }

    @Test
    void carrierAndPbxIdsAreLowerCaseWordsWithDashes() {
        assertEquals("carrier-a", new CarrierId("carrier-a").value());
        assertEquals("hq-cucm", new PbxId("hq-cucm").toString());
        for (String bad : new String[] {null, "", "Carrier-A", "-a", "a b", "a".repeat(64)}) {
            assertThrows(IllegalArgumentException.class, () -> new CarrierId(bad));
            assertThrows(IllegalArgumentException.class, () -> new PbxId(bad));
        }
        assertEquals(new CarrierId("b"), new CarrierId("b"));
    }

    @Test
    void callIdsAreVisibleCharactersUpToTheirLimit() {
        assertEquals("a84b4c76e66710@pc33.atlanta.com", new CallId("a84b4c76e66710@pc33.atlanta.com").value());
        assertEquals(300, new CallId("x".repeat(300)).value().length());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new CallId("x".repeat(1025)))
                .getMessage().contains("1025 characters"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new CallId("a b"))
                .getMessage().contains("position 2"));
        assertThrows(IllegalArgumentException.class, () -> new CallId(""));
        assertThrows(IllegalArgumentException.class, () -> new CallId(null));
        assertThrows(IllegalArgumentException.class, () -> new CallId("a\u0000"));
    }

    @Test
    void prefixesCoverTheNumbersThatStartWithThem() {
        Prefix london = new Prefix("4420");
        assertTrue(london.covers(new E164Number("+442071234567")));
        assertFalse(london.covers(new E164Number("+441611234567")));
        assertEquals(4, london.length());
        for (String bad : new String[] {null, "", "+44", "44a", "1234567890123456"}) {
            assertThrows(IllegalArgumentException.class, () -> new Prefix(bad));
        }
    }
}
