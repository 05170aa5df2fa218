package io.trunkline.camel.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class RateDeckCsvParserTest {

    private final RateDeckCsvParser parser = new RateDeckCsvParser();

    static byte[] fixture(String path) throws IOException {
        try (InputStream in = RateDeckCsvParserTest.class.getResourceAsStream("/ratedeck/" + path)) {
            return in.readAllBytes();
        }
    }

    @Test
    void validDeckReadsEveryRate() throws IOException {
        RateDeckFile f = parser.parse("carrier-a_2026-12.csv", fixture("valid/carrier-a_2026-12.csv"));
        assertThat(f.carrier()).isEqualTo("carrier-a");
        assertThat(f.linesRead()).isEqualTo(4);
        assertThat(f.rejected()).isEmpty();
        assertThat(f.rates()).extracting(RateDeckLine::prefix).containsExactly("1", "1416", "44", "4420");
        RateDeckLine toronto = f.rates().get(1);
        assertThat(toronto.lineNumber()).isEqualTo(3);
        assertThat(toronto.ratePerMinute()).isEqualByComparingTo("0.0042");
        assertThat(toronto.connectionFee()).isEqualByComparingTo("0.0010");
        assertThat(toronto.effectiveFrom()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(toronto.description()).isEqualTo("Canada, Toronto");
        assertThat(f.rates().get(3).description()).isEqualTo("London \"fixed\"");
        assertThat(f.rates().get(3).connectionFee()).isEqualTo(BigDecimal.ZERO);
        assertThat(f.sha256()).hasSize(64);
    }

    @Test
    void badLinesAreRejectedWithNumberAndReasonAndTheRestIsRead() throws IOException {
        RateDeckFile f = parser.parse("carrier-b.csv", fixture("invalid/carrier-b.csv"));
        assertThat(f.linesRead()).isEqualTo(7);
        assertThat(f.rates()).extracting(RateDeckLine::prefix).containsExactly("1");
        assertThat(f.rejected()).extracting(RejectedLine::lineNumber).containsExactly(3, 4, 5, 6, 7, 8);
        assertThat(f.rejected()).extracting(RejectedLine::reason).containsExactly(
                "rate_per_minute 'free' is not a number",
                "prefix '0044' is not 1-15 digits of an E.164 number",
                "rate_per_minute -0.01 is negative",
                "effective_from '2026-13-01' is not a date (yyyy-mm-dd)",
                "expected 3 fields, found 2",
                "quote opened at character 1 is never closed");
        assertThat(f.rejected().get(0).raw()).isEqualTo("1800,free,2026-12-01");
    }

    @Test
    void offPeakRatesAndEndDatesAreRead() throws IOException {
        RateDeckFile f = parser.parse("carrier-c_offpeak.csv", fixture("valid/carrier-c_offpeak.csv"));
        assertThat(f.rejected()).isEmpty();
        RateDeckLine usa = f.rates().get(0);
        assertThat(usa.offPeakRatePerMinute()).isEqualByComparingTo("0.0040");
        assertThat(usa.effectiveUntil()).isEqualTo(LocalDate.of(2027, 1, 1));
        RateDeckLine nyc = f.rates().get(1);
        assertThat(nyc.offPeakRatePerMinute()).isNull();
        assertThat(nyc.effectiveUntil()).isNull();
        assertThat(nyc.connectionFee()).isEqualByComparingTo("0.0005");

        RateDeckFile bad = parser.parse("carrier-d_dates.csv", fixture("invalid/carrier-d_dates.csv"));
        assertThat(bad.rejected()).extracting(RejectedLine::reason).containsExactly(
                "offpeak_rate_per_minute -1 is negative",
                "effective_until 2026-01-01 is not after effective_from 2026-06-01");
    }

    @Test
    void unreadableFilesAreRefusedWhole() throws IOException {
        byte[] noHeader = fixture("invalid/carrier-c_no-header.csv");
        assertThatThrownBy(() -> parser.parse("carrier-c_no-header.csv", noHeader))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("lacks column(s) prefix, rate_per_minute, effective_from");
        byte[] latin1 = fixture("invalid/carrier-d_latin1.csv");
        assertThatThrownBy(() -> parser.parse("carrier-d_latin1.csv", latin1))
                .isInstanceOf(UnreadableFileException.class).hasMessageContaining("not UTF-8");
        assertThatThrownBy(() -> parser.parse("carrier-e.csv", new byte[0])).hasMessageContaining("empty file");
        assertThatThrownBy(() -> parser.parse("_bad.csv", "prefix\n".getBytes()))
                .hasMessageContaining("file name must start with the carrier id");
    }
}
