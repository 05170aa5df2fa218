package io.trunkline.ejb.metrics.domain;

/**
 * MOS estimated from network measurements by the ITU-T G.107 E-model, reduced as usual for VoIP monitoring
 * (G.107 defaults for every input not measured, G.711 with packet-loss concealment): R = 93.2 − Id − Ie,eff, with
 * the delay impairment Id from the one-way delay (latency plus twice the jitter, for the jitter buffer, plus
 * 10 ms of codec delay) and the equipment impairment Ie,eff = Ie + (95 − Ie) · Ppl / (Ppl + Bpl) for random
 * loss (G.113 Appendix I: G.711 Ie = 0, Bpl = 25.1); then G.107 Annex B maps R to MOS.
 */
public final class EModel {

    private static final double R0 = 93.2;
    private static final double IE = 0;
    private static final double BPL = 25.1;

    private EModel() {
    }

    /** The transmission rating factor R (0 to 100). */
    public static double rating(double latencyMs, double jitterMs, double lossPercent) {
        double delay = Math.max(0, latencyMs) + 2 * Math.max(0, jitterMs) + 10;
        double id = 0.024 * delay + (delay > 177.3 ? 0.11 * (delay - 177.3) : 0);
        double ppl = Math.max(0, Math.min(100, lossPercent));
        double ieEff = IE + (95 - IE) * ppl / (ppl + BPL);
        return Math.max(0, Math.min(100, R0 - id - ieEff));
    }

    /** G.107 Annex B: MOS from R. */
    public static double mos(double rating) {
        if (rating <= 0) {
            return 1.0;
        }
        if (rating >= 100) {
            return 4.5;
        }
        return 1 + 0.035 * rating + 7e-6 * rating * (rating - 60) * (100 - rating);
    }

    public static double mos(double latencyMs, double jitterMs, double lossPercent) {
        return mos(rating(latencyMs, jitterMs, lossPercent));
    }
}
