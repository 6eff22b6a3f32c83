package dev.omnivault.torture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerTest {

    private static final String ERROR = "{\"error\":\"invalid request\",\"code\":\"INVALID_REQUEST\"}";

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Answer judge(String request, String answers) {
        return Answer.judge(bytes(request), Http.parseAll(bytes(answers), request.startsWith("HEAD ")));
    }

    private static String answer(int status, String body) {
        return "HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                + "\r\n\r\n" + body;
    }

    @Test
    void twoAnswersOnOneConnection_areSplitByTheirLengths() {
        List<Http.Reply> replies = Http.parseAll(bytes(answer(200, "{}") + answer(400, ERROR)), false);
        assertEquals(2, replies.size());
        assertEquals("{}", replies.get(0).body());
        assertEquals(ERROR, replies.get(1).body());
    }

    @Test
    void eachAnswer_isJudged_theWorstCounts() {
        assertEquals(
                Answer.FINE,
                judge("GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\n\r\n", answer(200, "{}") + answer(404, ERROR)));
        assertEquals(Answer.SERVER_ERROR, judge("GET / HTTP/1.1\r\n\r\n", answer(200, "{}") + answer(500, ERROR)));
        assertEquals(Answer.NOT_JSON, judge("GET / HTTP/1.1\r\n\r\n", answer(200, "{}") + answer(400, "<html>")));
        assertEquals(Answer.ERROR_WITHOUT_CODE, judge("GET / HTTP/1.1\r\n\r\n", answer(400, "{\"error\":\"x\"}")));
        assertEquals(Answer.NOT_JSON, judge("GET / HTTP/1.1\r\n\r\n", answer(200, "{}") + "junk"));
        assertEquals(Answer.UNANSWERED, judge("GET / HTTP/1.1\r\n\r\n", ""));
    }

    @Test
    void theKnownOddities_areCountedApart_andOnlyThey() {
        // a head cut short: Jetty's bare 400
        assertEquals(Answer.BARE_EARLY_EOF, judge("GET /a HTTP/1.1\r\nHo", "HTTP/1.1 400 Bad Request\r\n\r\n"));
        // a HEAD refused by the parser: the JSON error follows the answer, then the connection closes
        assertEquals(Answer.HEAD_REFUSED_WITH_BODY, judge("HEAD /%zz HTTP/1.1\r\n\r\n", answer(400, ERROR)));
        assertFalse(Answer.HEAD_REFUSED_WITH_BODY.offGoal());
        // ... but not a HEAD answered with something else than a JSON error after it
        assertEquals(Answer.NOT_JSON, judge("HEAD /%zz HTTP/1.1\r\n\r\n", answer(400, "<html>")));
        // the head of a second answer whose body never came
        String headOnly = "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: 52\r\n\r\n";
        assertEquals(Answer.ERROR_BODY_LOST, judge("GET / HTTP/1.1\r\n\r\nx\r\n\r\n", answer(200, "{}") + headOnly));
        // ... which is off the goal when it is the only answer
        assertTrue(judge("GET / HTTP/1.1\r\n\r\n", headOnly).offGoal());
    }
}
