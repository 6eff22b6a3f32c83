package dev.omnivault.torture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The suite's judge of "well-formed JSON" must itself be right, or the hostile figures mean nothing. */
class JsonTest {

    @Test
    void anObject_givesItsTopLevelScalars() {
        assertEquals(
                Map.of("error", "vault is locked", "code", "VAULT_LOCKED", "n", "3", "ok", "true"),
                Json.object("{\"error\":\"vault is locked\",\"code\":\"VAULT_LOCKED\",\"n\":3,\"ok\":true,"
                        + "\"nested\":{\"x\":\"y\"},\"list\":[1,2]}"));
    }

    @Test
    void anythingElse_isNotAnObject() {
        assertNull(Json.object(""));
        assertNull(Json.object("[]"));
        assertNull(Json.object("{\"a\":1"));
        assertNull(Json.object("{\"a\":1}{}"));
        assertNull(Json.object("<html>"));
        assertNull(Json.object("\"text\""));
    }

    @Test
    void quote_escapesWhatJsonNeeds() {
        assertEquals("\"a\\\"b\\\\c\\u000a\"", Json.quote("a\"b\\c\n"));
    }
}
