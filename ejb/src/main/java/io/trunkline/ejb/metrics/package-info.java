/**
 * The numbers ops engineers watch, per carrier, trunk, PBX and destination class in 5-minute and hourly windows:
 * attempts, ASR, NER, ACD, PDD, failure codes, concurrent-call peak, MOS and cost, rolled up from the edge's
 * call records and the PBXs' and carriers' CDRs as they arrive, served to the UI and to Prometheus.
 */
package io.trunkline.ejb.metrics;
