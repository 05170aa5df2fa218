package io.trunkline.edge.transport;

import javax.sip.ClientTransaction;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * What the layers above the transport send SIP through: the message factories, the node's own addresses, and
 * the transactions (RFC 3261 §17). {@link SipTransport} is the one on the wire; tests supply their own.
 */
public interface SipEndpoint {

    SipFactories factories();

    /** The node's listening point for a transport ({@code udp}, {@code tcp}, {@code tls}), or its first one. */
    LocalPoint local(String transport);

    /** A Call-ID of the node's own, for a new dialog. */
    CallIdHeader newCallId();

    /** The request's server transaction: the one the stack made, or a new one. */
    ServerTransaction serverTransaction(RequestEvent event) throws SipException;

    /** A new client transaction for a request, not sent yet: its answers will name it. */
    ClientTransaction clientTransaction(Request request) throws SipException;

    /** Sends a request outside any transaction (an ACK for a 2xx, RFC 3261 §13.2.2.4). */
    void sendStateless(Request request) throws SipException;

    /** Sends a response outside any transaction (RFC 3261 §8.2.6: e.g. to a request refused before one exists). */
    void sendStateless(Response response) throws SipException;
}
