package io.trunkline.edge.transport;

import javax.sip.PeerUnavailableException;
import javax.sip.SipFactory;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;

/**
 * The JAIN-SIP factories that build messages, headers and addresses. They need no bound stack, so the layers
 * above build real requests and responses with them in unit tests too.
 */
public record SipFactories(MessageFactory messages, HeaderFactory headers, AddressFactory addresses) {

    /** The factories of the JAIN-SIP reference implementation ({@code gov.nist}). */
    public static SipFactories reference() {
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        try {
            return new SipFactories(factory.createMessageFactory(), factory.createHeaderFactory(),
                    factory.createAddressFactory());
        } catch (PeerUnavailableException e) {
            throw new IllegalStateException("JAIN-SIP reference implementation not on the class path", e);
        }
    }
}
