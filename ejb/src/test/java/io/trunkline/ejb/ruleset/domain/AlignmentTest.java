package io.trunkline.ejb.ruleset.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The alignment keeps the longest common run, exactly for small sequences and anchored on unique elements beyond. */
class AlignmentTest {

    @Test
    void smallSequencesAreAlignedExactly() {
        List<String> a = List.of("a", "b", "c", "d", "e", "f");
        List<String> b = List.of("a", "x", "c", "d", "y", "f", "g");
        assertThat(Alignment.lcs(a, b)).extracting(Alignment.Pair::from).containsExactly(0, 2, 3, 5);
        assertThat(Alignment.lcs(a, b)).extracting(Alignment.Pair::to).containsExactly(0, 2, 3, 5);
        assertThat(Alignment.lcs(List.of(), b)).isEmpty();
    }

    @Test
    void sequencesTooLargeForTheExactTableAreAnchoredOnUniqueElements() {
        // 5,000 x 5,000 after the common ends are set aside: past the exact table's 16 million cells.
        List<String> a = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            a.add("row " + i);
        }
        List<String> b = new ArrayList<>(a);
        b.add(0, "first");
        b.remove(2_500);
        b.add("last");
        assertThat((long) a.size() * b.size()).isGreaterThan(Alignment.EXACT_CELLS);
        List<Alignment.Pair> kept = Alignment.lcs(a, b);
        assertThat(kept).hasSize(4_999);
        assertThat(kept).allSatisfy(p -> assertThat(a.get(p.from())).isEqualTo(b.get(p.to())));
        assertThat(kept).extracting(Alignment.Pair::from).doesNotContain(2_499);
    }
}
