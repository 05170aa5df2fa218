package io.trunkline.ejb.routing.domain;

import java.util.Optional;

/**
 * Stage of an outbound decision: the caller's number in E.164. As sent when it is a valid E.164 number, the DID of
 * a known extension, a national number of the site's country, else the site's default caller ID.
 */
final class CallingNumberResolution {

    private CallingNumberResolution() {
    }

    static String resolve(Pbx pbx, String raw, RoutingData data, DecisionTrace trace) {
        String fallback = pbx.defaultCallerId() == null ? null : pbx.defaultCallerId().value();
        if (raw == null || raw.isBlank()) {
            trace.add("no calling number: presents the site's default caller ID " + pbx.defaultCallerId());
            return fallback;
        }
        if (io.trunkline.contract.telecom.E164Number.isE164(raw) && NumberingPlan.lookup(raw).isPresent()) {
            return raw;
        }
        if (pbx.ownsExtension(raw)) {
            Optional<Did> did = data.didOf(pbx.id(), raw);
            if (did.isPresent()) {
                trace.add("calling extension " + raw + " has DID " + did.get().number());
                return did.get().number().value();
            }
            trace.add("calling extension " + raw + " has no DID: default caller ID " + pbx.defaultCallerId());
            return fallback;
        }
        Optional<String> national = NumberingPlan.toE164(raw, pbx.country());
        if (national.isPresent()) {
            trace.add("calling number " + raw + " read as " + pbx.country() + " national: " + national.get());
            return national.get();
        }
        trace.add("calling number '" + raw + "' is not a number of this site: default caller ID " + pbx.defaultCallerId());
        return fallback;
    }
}
