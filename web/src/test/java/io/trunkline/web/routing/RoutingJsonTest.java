package io.trunkline.web.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.trunkline.ejb.routing.api.CarrierEntry;
import io.trunkline.ejb.routing.api.PbxEntry;
import io.trunkline.web.support.ApiException;
import io.trunkline.web.support.JsonBodies;
import org.junit.jupiter.api.Test;

/** The STIR/SHAKEN fields of PBX and carrier master data as the API reads and writes them. */
class RoutingJsonTest {

    private static final String PBX = "{\"name\":\"HQ\",\"vendor\":\"CISCO_CUCM\",\"country\":\"US\","
            + "\"timeZone\":\"America/New_York\",\"sourceCidrs\":[\"10.0.1.0/24\"],\"extensionRanges\":[\"2000-4999\"],"
            + "\"mainNumber\":\"+12125550100\",\"trunkUri\":\"sip:10.0.1.10:5060\"";
    private static final String CARRIER = "{\"name\":\"A\",\"trunkUri\":\"sip:a.example.net\",\"maxChannels\":10,"
            + "\"priority\":1,\"weight\":1,\"billingIncrement\":\"60/60\",\"currency\":\"USD\",\"timeZone\":\"UTC\"";

    private static ApiException refused(Runnable r, String field) {
        ApiException e = catchThrowableOfType(r::run, ApiException.class);
        assertThat(e).as("refused").isNotNull();
        assertThat(e.status().getStatusCode()).isEqualTo(400);
        assertThat(e.field()).isEqualTo(field);
        return e;
    }

    @Test
    void aPbxIsAPbxOriginWithADerivedOrigIdUnlessItSaysOtherwise() {
        PbxEntry plain = RoutingJson.pbx("hq-cucm", JsonBodies.object(PBX + "}"));
        assertThat(plain.origin()).isEqualTo("PBX");
        PbxEntry gateway = RoutingJson.pbx("gw", JsonBodies.object(PBX
                + ",\"origin\":\"GATEWAY\",\"origId\":\"123e4567-e89b-12d3-a456-426614174000\"}"));
        assertThat(gateway.origin()).isEqualTo("GATEWAY");
        assertThat(gateway.origId()).hasToString("123e4567-e89b-12d3-a456-426614174000");
        assertThat(RoutingJson.pbx(gateway)).containsEntry("origin", "GATEWAY")
                .containsEntry("origId", "123e4567-e89b-12d3-a456-426614174000");
    }

    @Test
    void anOriginOrOrigIdTheApiDoesNotKnowIsA400NamingIt() {
        assertThat(refused(() -> RoutingJson.pbx("hq", JsonBodies.object(PBX + ",\"origin\":\"CARRIER\"}")), "origin")
                .getMessage()).contains("[PBX, GATEWAY, TRANSIT]");
        assertThat(refused(() -> RoutingJson.pbx("hq", JsonBodies.object(PBX + ",\"origId\":\"site-1\"}")), "origId")
                .getMessage()).contains("'site-1' is not a UUID");
    }

    @Test
    void aCarrierReSignsWithBUnlessItSaysOtherwise() {
        CarrierEntry plain = RoutingJson.carrier("carrier-a", JsonBodies.object(CARRIER + "}"));
        assertThat(plain.identityHandling()).isEqualTo("RESIGN");
        assertThat(plain.foreignAttestation()).isEqualTo("B");
        CarrierEntry through = RoutingJson.carrier("carrier-b", JsonBodies.object(CARRIER
                + ",\"identityHandling\":\"PASS_THROUGH\",\"foreignAttestation\":\"C\"}"));
        assertThat(RoutingJson.carrier(through)).containsEntry("identityHandling", "PASS_THROUGH")
                .containsEntry("foreignAttestation", "C");
    }

    @Test
    void anIdentityHandlingOrForeignAttestationTheApiDoesNotKnowIsA400NamingIt() {
        assertThat(refused(() -> RoutingJson.carrier("c", JsonBodies.object(CARRIER + ",\"identityHandling\":\"SIGN\"}")),
                "identityHandling").getMessage()).contains("[RESIGN, PASS_THROUGH]");
        assertThat(refused(() -> RoutingJson.carrier("c", JsonBodies.object(CARRIER + ",\"foreignAttestation\":\"D\"}")),
                "foreignAttestation").getMessage()).contains("must be A, B or C");
    }

    private static final String INBOUND = "{\"callId\":\"c-1\",\"direction\":\"INBOUND\",\"source\":\"carrier-b\","
            + "\"calling\":\"+12125552001\",\"called\":\"+13125552001\"";

    @Test
    void anInboundRequestCarriesTheEdgesVerification() {
        var r = RoutingJson.request(JsonBodies.object(INBOUND + ",\"identity\":{\"verstat\":\"TN-Validation-Failed\","
                + "\"failure\":\"INVALID\",\"detail\":\"the signature does not verify\",\"attest\":\"A\"}}"));
        assertThat(r.identity().outcome()).isEqualTo("FAILED");
        assertThat(r.identity().refusalCode()).isEqualTo(438);
        assertThat(RoutingJson.request(JsonBodies.object(INBOUND + ",\"identity\":null}")).identity()).isNull();
        assertThat(RoutingJson.request(JsonBodies.object(INBOUND + "}")).identity()).isNull();
    }

    @Test
    void aVerificationTheApiDoesNotKnowIsA400NamingItsField() {
        refused(() -> RoutingJson.request(JsonBodies.object(INBOUND + ",\"identity\":\"passed\"}")), "identity");
        refused(() -> RoutingJson.request(JsonBodies.object(INBOUND + ",\"identity\":{\"verstat\":\"OK\"}}")),
                "identity.verstat");
        refused(() -> RoutingJson.request(JsonBodies.object(INBOUND + ",\"identity\":{\"verstat\":"
                + "\"TN-Validation-Failed\",\"failure\":\"BROKEN\"}}")), "identity.failure");
        refused(() -> RoutingJson.request(JsonBodies.object(INBOUND + ",\"identity\":{\"verstat\":"
                + "\"TN-Validation-Passed\",\"attest\":\"D\"}}")), "identity.attest");
    }
}
