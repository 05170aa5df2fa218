package io.trunkline.ejb.metrics.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CallFactTest {

    @Test
    void aTrunkIsItsUriWithoutTheCalledNumber() {
        assertThat(CallFact.trunk("sip:+442071234567@carrier-a.example.net:5060"))
                .isEqualTo("sip:carrier-a.example.net:5060");
        assertThat(CallFact.trunk("sips:2001@sbc.london.example:5061;transport=tls"))
                .isEqualTo("sips:sbc.london.example:5061;transport=tls");
        assertThat(CallFact.trunk("sip:127.0.0.1:17261")).isEqualTo("sip:127.0.0.1:17261");
        assertThat(CallFact.trunk(null)).isNull();
    }
}
