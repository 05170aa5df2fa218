package io.trunkline.edge.b2bua;

import io.trunkline.contract.routing.Route;
import io.trunkline.contract.routing.Signing;
import io.trunkline.edge.stir.CallSigning;
import io.trunkline.edge.transport.SipFactories;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Optional;
import javax.sip.message.Request;

/** Puts the {@code Identity} (RFC 8224) the decision asks for on each carrier attempt of a call. */
final class AttemptSigner {

    private final SipFactories factories;
    /** Signs the calls the decisions say to sign; set once at start, before the first call. */
    private volatile CallSigning signing = CallSigning.OFF;

    AttemptSigner(SipFactories factories) {
        this.factories = factories;
    }

    void signWith(CallSigning signing) {
        this.signing = signing;
    }

    /** Signs the attempt's {@code invite} to {@code route} as the decision says, at {@code now} (epoch seconds). */
    void sign(Call call, Route route, Request invite, long now) throws ParseException {
        call.signedAttest = null;
        if (route.kind() != Route.Kind.CARRIER) {
            return;
        }
        Signing how = call.decision().signingFor(route);
        // A failover attempt within the same second, signed the same way for the same number, reuses the token:
        // its claims would be identical, and a signature costs about half a millisecond of CPU.
        Object key = Arrays.asList(how, route.presentNumber(), now);
        Optional<String> identity = key.equals(call.identityKey) ? Optional.of(call.identity)
                : signing.identity(how, route.presentNumber(), call.decision().called(), now);
        if (identity.isPresent()) {
            call.identityKey = key;
            call.identity = identity.get();
            invite.addHeader(factories.headers().createHeader(Messages.IDENTITY, identity.get()));
            call.signedAttest = how.attest().name();
        }
    }
}
