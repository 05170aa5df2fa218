package io.trunkline.edge.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.edge.testing.FakeSipEndpoint;
import io.trunkline.edge.testing.SipMessages;
import java.util.ArrayList;
import java.util.List;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.Timeout;
import javax.sip.TimeoutEvent;
import javax.sip.header.AllowHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;

class SipDispatcherTest {

    private final FakeSipEndpoint sip = new FakeSipEndpoint();
    private final List<String> handled = new ArrayList<>();
    private final SipDispatcher dispatcher = new SipDispatcher(sip)
            .onRequest(Request.INVITE, e -> handled.add("invite " + e.getRequest().getMethod()))
            .onRequest(Request.BYE, e -> handled.add("bye"))
            .onResponse(Request.NOTIFY, e -> handled.add("notify answered"))
            .onOtherResponses(e -> handled.add("other answered"))
            .onTimeout(Request.OPTIONS, SipTimeoutHandler.IGNORE)
            .onOtherTimeouts(e -> handled.add("other timeout"));

    private static RequestEvent event(Request request) {
        return new RequestEvent("test", null, null, request);
    }

    @Test
    void eachRequestGoesToTheHandlerOfItsMethod() {
        dispatcher.processRequest(event(SipMessages.request(Request.INVITE).build()));
        dispatcher.processRequest(event(SipMessages.request(Request.BYE).build()));
        assertThat(handled).containsExactly("invite INVITE", "bye");
        assertThat(sip.statelessResponses).isEmpty();
    }

    @Test
    void optionsAreAnsweredHereWithTheMethodsRegistered() {
        dispatcher.processRequest(event(SipMessages.request(Request.OPTIONS).build()));
        Response ok = sip.statelessResponses.get(0);
        assertThat(ok.getStatusCode()).isEqualTo(200);
        assertThat(((AllowHeader) ok.getHeader(AllowHeader.NAME)).getMethod()).contains("INVITE");
        assertThat(ok.getHeader(AllowHeader.NAME).toString()).contains("BYE").contains("OPTIONS").doesNotContain("SUBSCRIBE");
        assertThat(dispatcher.optionsAnswered()).isEqualTo(1);
        assertThat(handled).isEmpty();
    }

    @Test
    void aKnownMethodWithoutHandlerIs405AndAnUnknownOne501() {
        dispatcher.processRequest(event(SipMessages.request(Request.SUBSCRIBE).build()));
        dispatcher.processRequest(event(SipMessages.request("FOO").build()));
        assertThat(sip.statelessResponses).extracting(Response::getStatusCode).containsExactly(405, 501);
        assertThat(sip.statelessResponses.get(0).getHeader(AllowHeader.NAME)).as("RFC 3261 §8.2.1").isNotNull();
    }

    @Test
    void aRequestWithoutMaxForwardsIsRefused400BeforeAnyHandler() {
        dispatcher.processRequest(event(SipMessages.request(Request.INVITE).withoutMaxForwards().build()));
        assertThat(sip.statelessResponses).extracting(Response::getStatusCode).containsExactly(400);
        assertThat(handled).isEmpty();
    }

    @Test
    void anInviteWithoutContactIsRefused400BeforeAnyHandler() {
        Request invite = SipMessages.request(Request.INVITE).build();
        invite.removeHeader(javax.sip.header.ContactHeader.NAME);
        dispatcher.processRequest(event(invite));
        assertThat(sip.statelessResponses).extracting(Response::getStatusCode).containsExactly(400);
        assertThat(sip.statelessResponses.get(0).getReasonPhrase()).isEqualTo("Bad Request (missing Contact)");
        assertThat(handled).isEmpty();
    }

    @Test
    void aRequestWhoseBodyIsShorterThanItsContentLengthIsRefused400() throws Exception {
        Request cut = SipMessages.request(Request.INVITE).sdp().build();
        int whole = cut.getRawContent().length;
        cut.setContentLength(sip.factories().headers().createContentLengthHeader(whole + 100));
        dispatcher.processRequest(event(cut));
        Request exact = SipMessages.request(Request.INVITE).sdp().build();
        dispatcher.processRequest(event(exact));
        assertThat(sip.statelessResponses).extracting(Response::getReasonPhrase)
                .containsExactly("Bad Request (body shorter than its Content-Length)");
        assertThat(handled).as("the whole one goes on").containsExactly("invite INVITE");
    }

    @Test
    void aRequestUriOfASchemeTheNodeDoesNotSpeakIs416() throws Exception {
        Request unknown = SipMessages.request(Request.OPTIONS).build();
        unknown.setRequestURI(sip.factories().addresses().createURI("nobarf:barf.barf"));
        dispatcher.processRequest(event(unknown));
        Request sos = SipMessages.request(Request.INVITE).build();
        sos.setRequestURI(sip.factories().addresses().createURI("urn:service:sos"));
        dispatcher.processRequest(event(sos));
        assertThat(sip.statelessResponses).extracting(Response::getStatusCode).containsExactly(416);
        assertThat(handled).as("an emergency service URN goes on").containsExactly("invite INVITE");
    }

    @Test
    void anOptionsRequiringAnExtensionIs420NamingIt() throws Exception {
        Request options = SipMessages.request(Request.OPTIONS).build();
        options.addHeader(sip.factories().headers().createRequireHeader("nothingSupportsThis"));
        options.addHeader(sip.factories().headers().createRequireHeader("nothingSupportsThisEither"));
        dispatcher.processRequest(event(options));
        Response bad = sip.statelessResponses.get(0);
        assertThat(bad.getStatusCode()).isEqualTo(420);
        List<String> unsupported = new ArrayList<>();
        bad.getHeaders(javax.sip.header.UnsupportedHeader.NAME).forEachRemaining(
                h -> unsupported.add(((javax.sip.header.UnsupportedHeader) h).getOptionTag()));
        assertThat(unsupported).containsExactly("nothingSupportsThis", "nothingSupportsThisEither");
        assertThat(dispatcher.optionsAnswered()).isZero();
    }

    @Test
    void answersAndTimeoutsGoByTheirTransactionsMethod() {
        Request notify = SipMessages.request(Request.NOTIFY).build();
        Request invite = SipMessages.request(Request.INVITE).build();
        dispatcher.processResponse(new ResponseEvent("test", null, null, SipMessages.answer(notify, 200, "t", null)));
        dispatcher.processResponse(new ResponseEvent("test", null, null, SipMessages.answer(invite, 180, "t", null)));
        dispatcher.processTimeout(new TimeoutEvent("test", sip.clientTransaction(SipMessages.request(Request.OPTIONS).build()),
                Timeout.TRANSACTION));
        dispatcher.processTimeout(new TimeoutEvent("test", sip.clientTransaction(invite), Timeout.TRANSACTION));
        assertThat(handled).containsExactly("notify answered", "other answered", "other timeout");
    }

    @Test
    void aFailingHandlerDoesNotStopTheListener() {
        SipDispatcher failing = new SipDispatcher(sip).onRequest(Request.INVITE, e -> {
            throw new IllegalStateException("boom");
        });
        failing.processRequest(event(SipMessages.request(Request.INVITE).build()));
        failing.processRequest(event(SipMessages.request(Request.OPTIONS).build()));
        assertThat(sip.statelessResponses).extracting(Response::getStatusCode).containsExactly(200);
    }
}
