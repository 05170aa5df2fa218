package io.trunkline.rules.dialplan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DialPatternTest {

    @Test
    void pbxWildcards() {
        assertThat(DialPattern.matches("9NXXNXXXXXX", "92125551234")).isTrue();
        assertThat(DialPattern.matches("9NXXNXXXXXX", "91125551234")).isFalse();
        assertThat(DialPattern.matches("[1-4]XXX", "4999")).isTrue();
        assertThat(DialPattern.matches("[1-4]XXX", "5999")).isFalse();
        assertThat(DialPattern.matches("9011Z.", "9011")).isFalse();
        assertThat(DialPattern.matches("9011Z.", "901144")).isTrue();
        assertThat(DialPattern.matches("*7X!", "*7")).isFalse();
        assertThat(DialPattern.matches("*7X!", "*71")).isTrue();
        assertThat(DialPattern.matches("+Z.", "+44")).isTrue();
        assertThat(DialPattern.matches("ZXXX", null)).isFalse();
    }

    @Test
    void badSyntaxIsNamed() {
        assertThatThrownBy(() -> DialPattern.compile("9Q")).hasMessageContaining("'Q' at position 2");
        assertThatThrownBy(() -> DialPattern.compile("[1-4XXX")).hasMessageContaining("not closed");
        assertThatThrownBy(() -> DialPattern.compile(" ")).hasMessageContaining("empty");
    }
}
