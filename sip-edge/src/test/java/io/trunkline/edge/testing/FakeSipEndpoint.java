package io.trunkline.edge.testing;

import io.trunkline.edge.transport.LocalPoint;
import io.trunkline.edge.transport.SipEndpoint;
import io.trunkline.edge.transport.SipFactories;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sip.ClientTransaction;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * A SIP endpoint without a stack: real JAIN-SIP messages, transactions that only record what is sent through
 * them. Unit tests of the layers above the transport read what the node would have put on the wire.
 */
public final class FakeSipEndpoint implements SipEndpoint {

    public static final String ADDRESS = "192.0.2.1";

    private final SipFactories factories = SipFactories.reference();
    private int callIds;
    /** Requests sent in client transactions or without one, in order. */
    public final List<Request> requests = new CopyOnWriteArrayList<>();
    /** Responses sent without a transaction, in order. */
    public final List<Response> statelessResponses = new CopyOnWriteArrayList<>();

    @Override
    public SipFactories factories() {
        return factories;
    }

    @Override
    public LocalPoint local(String transport) {
        return new LocalPoint(ADDRESS, "tls".equals(transport) ? 5061 : 5060, transport);
    }

    @Override
    public synchronized CallIdHeader newCallId() {
        try {
            return factories.headers().createCallIdHeader("edge-" + (++callIds));
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public ServerTransaction serverTransaction(RequestEvent event) {
        return event.getServerTransaction();
    }

    /** Client transactions made, in order. */
    public final List<ClientTransaction> clientTransactions = new CopyOnWriteArrayList<>();

    @Override
    public ClientTransaction clientTransaction(Request request) {
        Object[] applicationData = new Object[1];
        ClientTransaction ct = (ClientTransaction) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{ClientTransaction.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "sendRequest" -> {
                        requests.add(request);
                        yield null;
                    }
                    case "setApplicationData" -> {
                        applicationData[0] = args[0];
                        yield null;
                    }
                    case "getApplicationData" -> applicationData[0];
                    case "getRequest" -> request;
                    case "createCancel" -> ((gov.nist.javax.sip.message.SIPRequest) request).createCancelRequest();
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
        clientTransactions.add(ct);
        return ct;
    }

    @Override
    public void sendStateless(Request request) {
        requests.add(request);
    }

    @Override
    public void sendStateless(Response response) {
        statelessResponses.add(response);
    }

    /** A server transaction for {@code request} that keeps the responses sent in it. */
    public static ServerTransaction serverTransaction(Request request, List<Response> sent) {
        return (ServerTransaction) Proxy.newProxyInstance(FakeSipEndpoint.class.getClassLoader(),
                new Class<?>[]{ServerTransaction.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "sendResponse" -> {
                        sent.add((Response) args[0]);
                        yield null;
                    }
                    case "getRequest" -> request;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }

    /** The methods of the requests sent, in order. */
    public List<String> sentMethods() {
        return requests.stream().map(Request::getMethod).toList();
    }
}
