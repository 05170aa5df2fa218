package io.trunkline.ejb.ruleset.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.rules.EnumeratedColumns;
import io.trunkline.rules.dialplan.DialPattern;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** How cells are compared: dial patterns as the strings they match, windows as minutes, prefixes, listed values. */
class DimensionTest {

    private final Dimension<?> patterns = new Dimension.DialPatterns();
    private final Dimension<?> windows = new Dimension.TimeWindows(false);
    private final Dimension<?> prefixes = new Dimension.Prefixes();

    @ParameterizedTest(name = "{0} within {1}: {2}")
    @CsvSource({
            "9NXXNXXXXXX, 9.,             true",
            "9NXXNXXXXXX, 9!,             true",
            "9011Z.,      9NXX.,          false",
            "[2-5]XXX,    [2-4]XXX 5XXX,  true",
            "[2-6]XXX,    [2-4]XXX 5XXX,  false",
            "+44Z.,       +Z.,            true",
            "+0.,         +Z.,            false",
            "911,         9!,             true",
            "9,           9.,             false",
            "*72XX#,      *.,             true",
            "2XXX,        [0-2]XX.,       true",
            "123,         '',             true",
    })
    void aPatternIsWithinOthersWhenTheyMatchEveryStringItMatches(String later, String earlier, boolean within) {
        List<String> union = earlier.isEmpty() ? List.of("") : List.of(earlier.split(" "));
        assertThat(patterns.covers(union, later)).isEqualTo(within);
    }

    @ParameterizedTest(name = "{0} and {1}: {2}")
    @CsvSource({
            "2XXX,        2[0-5]X.,     true",
            "9011Z.,      9NXXNXXXXXX,  false",
            "00Z.,        0ZXXXXXXXXX,  false",
            "+Z.,         +44!,         true",
            "5XXX,        7[2-4]XXX,    false",
            "9.,          !1,           true",
    })
    void patternsOverlapWhenSomeStringMatchesBoth(String a, String b, boolean overlap) {
        assertThat(patterns.overlaps(a, b)).isEqualTo(overlap);
        assertThat(patterns.overlaps(b, a)).isEqualTo(overlap);
    }

    @Test
    void theAutomatonAgreesWithTheDialPlansOwnMatcher() {
        String[] pats = {"9NXXNXXXXXX", "9011Z.", "[2-4]XXX", "+Z.", "00Z.", "5XXX", "9!", "*7[1-3]#", "1[-5]"};
        String[] dialed = {"92125550100", "9011442071234567", "2001", "5001", "+442071234567", "0044207", "9", "",
                "*72#", "*74#", "15", "1-", "10", "90110"};
        for (String p : pats) {
            for (String d : dialed) {
                boolean regex = DialPattern.matches(p, d);
                // A one-string pattern of d itself: within p exactly when p matches d.
                if (!d.isEmpty() && d.chars().allMatch(c -> Character.isDigit(c) || c == '*' || c == '#' || c == '+')) {
                    assertThat(patterns.covers(List.of(p), d)).as(p + " matches " + d).isEqualTo(regex);
                }
            }
        }
    }

    @Test
    void timeWindowsAreComparedAsTheMinutesOfTheWeekTheyHold() {
        assertThat(windows.covers(List.of("22:00-06:00", "06:00-22:00"), "")).isTrue();
        assertThat(windows.covers(List.of("Mon-Fri", "Sat,Sun"), "")).isTrue();
        assertThat(windows.covers(List.of("Mon-Fri", "Sat"), "")).isFalse();
        assertThat(windows.covers(List.of("08:00-18:00"), "09:00-17:00 Mon-Fri")).isTrue();
        assertThat(windows.covers(List.of("08:00-18:00 Mon-Fri"), "09:00-17:00")).isFalse();
        // Crossing midnight: Friday 23:00 to Saturday 02:00 belongs to Friday.
        assertThat(windows.covers(List.of("22:00-03:00 Fri"), "00:00-02:00 Sat")).isTrue();
        assertThat(windows.overlaps("08:00-18:00 Mon-Fri", "17:00-20:00")).isTrue();
        assertThat(windows.overlaps("08:00-18:00 Mon-Fri", "18:00-20:00")).isFalse();
        assertThat(windows.overlaps("Sat,Sun", "08:00-18:00 Mon-Fri")).isFalse();
        Dimension<?> outside = new Dimension.TimeWindows(true);
        assertThat(outside.selectsNone("00:00-00:00")).isTrue();
        assertThat(outside.selectsNone("07:00-20:00")).isFalse();
        assertThat(outside.covers(List.of("07:00-20:00"), "08:00-19:00")).isFalse();
        assertThat(outside.covers(List.of("08:00-19:00"), "07:00-20:00")).isTrue();
    }

    @Test
    void prefixesCoverNumbersStartingWithThemOnly() {
        assertThat(prefixes.covers(List.of("+1"), "+1416 +1212")).isTrue();
        assertThat(prefixes.covers(List.of("+14", "+15"), "+1")).isFalse();
        assertThat(prefixes.covers(List.of("+44 +1"), "")).isFalse();
        assertThat(prefixes.covers(List.of(""), "+1")).isTrue();
        assertThat(prefixes.overlaps("+44 +1", "+33 +4420")).isTrue();
        assertThat(prefixes.overlaps("+44", "+33 +49")).isFalse();
    }

    @Test
    void listedValuesCoverABlankCellOnlyWhenTheyListTheWholeColumn() {
        Dimension<?> standings = new Dimension.Values(true, false, true, true, EnumeratedColumns.NUMBER_STANDINGS);
        assertThat(standings.covers(List.of("ASSIGNED_TO_PBX", "HELD_ELSEWHERE NOT_HELD NONE"), "")).isTrue();
        assertThat(standings.covers(List.of("ASSIGNED_TO_PBX", "HELD_ELSEWHERE NOT_HELD"), "*")).isFalse();
        assertThat(standings.covers(List.of("assigned_to_pbx"), "ASSIGNED_TO_PBX")).isTrue();
        Dimension<?> pbxs = new Dimension.Values(true, false, true, false, null);
        assertThat(pbxs.covers(List.of("hq-cucm branch-asterisk london-teams"), "*")).as("ids are unbounded").isFalse();
        assertThat(pbxs.covers(List.of("*"), "hq-cucm")).isTrue();
        assertThat(pbxs.overlaps("hq-cucm,branch-asterisk", "branch-asterisk")).isTrue();
        assertThat(pbxs.overlaps("hq-cucm", "london-teams")).isFalse();
    }

    @Test
    void aCellThatDoesNotReadIsComparedByItsText() {
        assertThat(windows.covers(List.of("8-18"), "8-18")).isTrue();
        assertThat(windows.covers(List.of("8-18"), "09:00-10:00")).isFalse();
        assertThat(windows.overlaps("8-18", "09:00-10:00")).isFalse();
        assertThat(patterns.covers(List.of("9."), "9Q")).isFalse();
    }
}
