package io.trunkline.edge.events;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.RequestEventExt;
import io.trunkline.contract.events.EdgeEvents;
import io.trunkline.edge.cdr.Journal;
import io.trunkline.edge.testing.FakeSipEndpoint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sip.ClientTransaction;
import javax.sip.ResponseEvent;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notifier's batching against a stack-less endpoint: a few pending events wait for the linger to share one
 * NOTIFY, a full batch goes at once, and nothing leaves the journal before its NOTIFY is answered 2xx.
 */
class EventNotifierTest {

    private static final String PLATFORM = "192.0.2.9";
    private static final int BATCH = 10;
    private static final int LINGER_MS = 3_000;

    private final FakeSipEndpoint sip = new FakeSipEndpoint();

    @Test
    void fewEventsWaitForTheLingerAndAFullBatchGoesAtOnce(@TempDir Path dir) throws Exception {
        try (Journal journal = Journal.open(dir.resolve("n.journal"));
             EventNotifier notifier = new EventNotifier(sip, journal, "n", Set.of(PLATFORM), BATCH, 48_000, LINGER_MS)) {
            notifier.start();
            List<Response> answers = new CopyOnWriteArrayList<>();
            notifier.onSubscribe(subscribe(answers));
            assertThat(answers).extracting(Response::getStatusCode).containsExactly(200);
            answer(notifier, awaitNotifies(1).get(0));  // the subscription's first NOTIFY, empty

            long flushedAt = System.nanoTime(); // before the appends: the journal's flusher may force the first at once
            for (int i = 0; i < 3; i++) {
                journal.append(EdgeEvents.TRUNK, "{\"trunk\":\"t-" + i + "\"}");
            }
            journal.flush();
            Thread.sleep(300);
            assertThat(notifies()).as("three events wait for more").hasSize(1);
            Request three = awaitNotifies(2).get(1);
            assertThat((System.nanoTime() - flushedAt) / 1_000_000).as("sent when the linger ended")
                    .isGreaterThanOrEqualTo(LINGER_MS - 50);
            assertThat(events(three)).hasSize(3);
            assertThat(journal.pendingCount()).as("pending until answered").isEqualTo(3);
            answer(notifier, three);
            assertThat(journal.pendingCount()).isZero();

            for (int i = 0; i < BATCH; i++) {
                journal.append(EdgeEvents.TRUNK, "{\"trunk\":\"u-" + i + "\"}");
            }
            flushedAt = System.nanoTime();
            journal.flush();
            Request full = awaitNotifies(3).get(2);
            assertThat((System.nanoTime() - flushedAt) / 1_000_000).as("a full batch does not wait")
                    .isLessThan(LINGER_MS - 500);
            assertThat(events(full)).hasSize(BATCH);
        }
    }

    @Test
    void noLingerSendsWhatIsForcedAtOnce(@TempDir Path dir) throws Exception {
        try (Journal journal = Journal.open(dir.resolve("n.journal"));
             EventNotifier notifier = new EventNotifier(sip, journal, "n", Set.of(PLATFORM), BATCH, 48_000, 0)) {
            notifier.start();
            notifier.onSubscribe(subscribe(new ArrayList<>()));
            answer(notifier, awaitNotifies(1).get(0));
            journal.append(EdgeEvents.TRUNK, "{\"trunk\":\"t\"}");
            journal.flush();
            assertThat(events(awaitNotifies(2).get(1))).hasSize(1);
        }
    }

    private RequestEventExt subscribe(List<Response> answers) throws Exception {
        Request subscribe = sip.factories().messages().createRequest("""
                SUBSCRIBE sip:edge@192.0.2.1:5060 SIP/2.0\r
                Via: SIP/2.0/UDP 192.0.2.9:5060;branch=z9hG4bK-sub-1\r
                Max-Forwards: 70\r
                From: <sip:platform@192.0.2.9>;tag=p1\r
                To: <sip:edge@192.0.2.1>\r
                Call-ID: sub-1@192.0.2.9\r
                CSeq: 1 SUBSCRIBE\r
                Contact: <sip:platform@192.0.2.9:5060>\r
                Event: trunkline-events\r
                Expires: 600\r
                Content-Length: 0\r
                \r
                """);
        RequestEventExt event = new RequestEventExt(this, FakeSipEndpoint.serverTransaction(subscribe, answers), null, subscribe);
        event.setRemoteIpAddress(PLATFORM);
        return event;
    }

    private List<Request> notifies() {
        return sip.requests.stream().filter(r -> Request.NOTIFY.equals(r.getMethod())).toList();
    }

    private List<Request> awaitNotifies(int count) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (notifies().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(notifies()).hasSizeGreaterThanOrEqualTo(count);
        return notifies();
    }

    private void answer(EventNotifier notifier, Request notify) throws Exception {
        ClientTransaction ct = sip.clientTransactions.stream().filter(t -> t.getRequest() == notify).findFirst().orElseThrow();
        notifier.onResponse(new ResponseEvent(this, ct, null, sip.factories().messages().createResponse(200, notify)));
    }

    private static List<EdgeEvents.Event> events(Request notify) {
        return EdgeEvents.read(new String(notify.getRawContent(), StandardCharsets.UTF_8)).events();
    }
}
