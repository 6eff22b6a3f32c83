package dev.omnivault.torture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpParseTest {

    @Test
    void aResponse_withLengthOrChunks_andNoResponseAtAll() {
        var plain =
                Http.parse("HTTP/1.1 400 Bad Request\r\nContent-Length: 2\r\n\r\n{}".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, plain.status());
        assertEquals("{}", plain.body());
        var chunked =
                Http.parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n{\"a\r\n4\r\n\":1}\r\n0\r\n\r\n"
                        .getBytes(StandardCharsets.UTF_8));
        assertEquals("{\"a\":1}", chunked.body());
        assertFalse(Http.parse(new byte[0]).answered());
        assertFalse(Http.parse("garbage".getBytes(StandardCharsets.UTF_8)).answered());
    }
}
