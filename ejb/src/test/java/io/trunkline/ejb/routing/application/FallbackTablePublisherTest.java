package io.trunkline.ejb.routing.application;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FallbackTablePublisherTest {

    @Test
    void aDestinationIsItsCountryAndForServiceNumbersItsServiceCode() {
        assertThat(FallbackTablePublisher.destinationDigits("+442071234567")).as("London: +44").isEqualTo(2);
        assertThat(FallbackTablePublisher.destinationDigits("+12125551234")).as("New York: +1").isEqualTo(1);
        assertThat(FallbackTablePublisher.destinationDigits("+18005551234")).as("US toll-free: +1 800").isEqualTo(4);
        assertThat(FallbackTablePublisher.destinationDigits("+19005551234")).as("US premium: +1 900").isEqualTo(4);
        assertThat(FallbackTablePublisher.destinationDigits("not a number")).isZero();
    }
}
