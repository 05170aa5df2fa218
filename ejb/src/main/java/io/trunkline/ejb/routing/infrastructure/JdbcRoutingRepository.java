package io.trunkline.ejb.routing.infrastructure;

import io.trunkline.ejb.routing.domain.BillingIncrement;
import io.trunkline.ejb.routing.domain.Capability;
import io.trunkline.ejb.routing.domain.Carrier;
import io.trunkline.ejb.routing.domain.IdentityHandling;
import io.trunkline.contract.telecom.Attestation;
import io.trunkline.contract.telecom.CarrierId;
import io.trunkline.ejb.routing.domain.CarrierState;
import io.trunkline.ejb.routing.domain.Did;
import io.trunkline.contract.telecom.E164Number;
import io.trunkline.ejb.routing.domain.Pbx;
import io.trunkline.contract.telecom.PbxId;
import io.trunkline.ejb.routing.domain.Rate;
import io.trunkline.ejb.routing.domain.RateTable;
import io.trunkline.ejb.routing.domain.RoutingData;
import io.trunkline.ejb.routing.domain.RoutingRepository;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.enterprise.context.Dependent;
import javax.inject.Inject;
import javax.sql.DataSource;

/**
 * Routing's master data in plain JDBC. The whole snapshot is read with one query per table (rate decks
 * of 150,000 rows in one pass) rather than entity by entity; lists that are only ever read whole
 * (capabilities, countries, extension ranges) are stored comma-separated.
 */
@Dependent
public final class JdbcRoutingRepository implements RoutingRepository {

    private final DataSource dataSource;

    @Inject
    public JdbcRoutingRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T jdbc(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException("routing data: " + e.getMessage(), e);
        }
    }

    @Override
    public RoutingData load() {
        return jdbc(c -> {
            Map<PbxId, Pbx> pbxs = new HashMap<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, name, vendor, country, "
                    + "time_zone, source_cidrs, extension_ranges, main_number, emergency_location, emergency_carrier, "
                    + "default_caller_id, trunk_uri, origin, orig_id FROM pbx")) {
                while (rs.next()) {
                    Pbx p = new Pbx(new PbxId(rs.getString(1)), rs.getString(2), rs.getString(3), rs.getString(4).trim(),
                            ZoneId.of(rs.getString(5)), list(rs.getString(6)), list(rs.getString(7)),
                            new E164Number(rs.getString(8)), rs.getString(9),
                            rs.getString(10) == null ? null : new CarrierId(rs.getString(10)),
                            rs.getString(11) == null ? null : new E164Number(rs.getString(11)), rs.getString(12),
                            rs.getString(13), rs.getString(14) == null ? null : java.util.UUID.fromString(rs.getString(14)));
                    pbxs.put(p.id(), p);
                }
            }
            Map<CarrierId, List<String>> blocks = new HashMap<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT carrier_id, prefix FROM carrier_number_block ORDER BY prefix")) {
                while (rs.next()) {
                    blocks.computeIfAbsent(new CarrierId(rs.getString(1)), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
            Map<CarrierId, Carrier> carriers = new HashMap<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, name, trunk_uri, transport, "
                    + "capabilities, countries, max_channels, priority, weight, billing_increment, currency, time_zone, "
                    + "peak_window, identity_handling, foreign_attestation FROM carrier")) {
                while (rs.next()) {
                    CarrierId id = new CarrierId(rs.getString(1));
                    carriers.put(id, new Carrier(id, rs.getString(2), rs.getString(3), rs.getString(4),
                            capabilities(rs.getString(5)), new LinkedHashSet<>(list(rs.getString(6))), rs.getInt(7),
                            rs.getInt(8), rs.getInt(9), blocks.getOrDefault(id, List.of()),
                            BillingIncrement.parse(rs.getString(10)), rs.getString(11), ZoneId.of(rs.getString(12)),
                            rs.getString(13), IdentityHandling.valueOf(rs.getString(14)),
                            Attestation.of(rs.getString(15))));
                }
            }
            Map<CarrierId, CarrierState> states = new HashMap<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT carrier_id, up, active_calls, asr_percent, mos FROM carrier_state")) {
                while (rs.next()) {
                    BigDecimal asr = rs.getBigDecimal(4);
                    BigDecimal mos = rs.getBigDecimal(5);
                    states.put(new CarrierId(rs.getString(1)), new CarrierState(rs.getBoolean(2), rs.getInt(3),
                            asr == null ? null : asr.doubleValue(), mos == null ? null : mos.doubleValue()));
                }
            }
            Map<CarrierId, List<Rate>> rateLists = new HashMap<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT carrier_id, prefix, "
                    + "rate_per_minute, offpeak_rate_per_minute, connection_fee, effective_from, effective_until "
                    + "FROM rate_deck_entry")) {
                while (rs.next()) {
                    java.sql.Date until = rs.getDate(7);
                    rateLists.computeIfAbsent(new CarrierId(rs.getString(1)), k -> new ArrayList<>())
                            .add(new Rate(rs.getString(2), rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getBigDecimal(5),
                                    rs.getDate(6).toLocalDate(), until == null ? null : until.toLocalDate()));
                }
            }
            Map<CarrierId, RateTable> rates = new HashMap<>();
            rateLists.forEach((id, list) -> rates.put(id, RateTable.of(list)));
            Map<String, Did> dids = new HashMap<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT number, carrier_id, pbx_id, extension FROM did")) {
                while (rs.next()) {
                    Did d = new Did(new E164Number(rs.getString(1)), new CarrierId(rs.getString(2)),
                            new PbxId(rs.getString(3)), rs.getString(4));
                    dids.put(d.number().value(), d);
                }
            }
            return new RoutingData(pbxs, carriers, rates, states, dids, inboundDefault(c).orElse(null), Instant.now());
        });
    }

    @Override
    public void store(Pbx p) {
        jdbc(c -> {
            String[] cols = {"name", "vendor", "country", "time_zone", "source_cidrs", "extension_ranges", "main_number",
                "emergency_location", "emergency_carrier", "default_caller_id", "trunk_uri", "origin", "orig_id",
                "updated_at"};
            Object[] values = {p.name(), p.vendor(), p.country(), p.zone().getId(), String.join(",", p.sourceCidrs()),
                String.join(",", p.extensionRanges()), p.mainNumber().value(), p.emergencyLocation(),
                p.emergencyCarrier() == null ? null : p.emergencyCarrier().value(),
                p.defaultCallerId() == null ? null : p.defaultCallerId().value(), p.trunkUri(), p.origin(),
                p.origId().toString(), Timestamp.from(Instant.now())};
            upsert(c, "pbx", "id", p.id().value(), cols, values);
            return null;
        });
    }

    @Override
    public boolean removePbx(PbxId id) {
        return jdbc(c -> delete(c, "DELETE FROM pbx WHERE id = ?", id.value()) > 0);
    }

    @Override
    public void store(Carrier k) {
        jdbc(c -> {
            String[] cols = {"name", "trunk_uri", "transport", "capabilities", "countries", "max_channels", "priority",
                "weight", "billing_increment", "currency", "time_zone", "peak_window", "identity_handling",
                "foreign_attestation", "updated_at"};
            Object[] values = {k.name(), k.trunkUri(), k.transport(),
                String.join(",", k.capabilities().stream().map(Enum::name).toList()), String.join(",", k.countries()),
                k.maxChannels(), k.priority(), k.weight(), k.billing().toString(), k.currency(), k.zone().getId(),
                k.peakWindow(), k.identity().name(), k.foreignAttestation().name(), Timestamp.from(Instant.now())};
            upsert(c, "carrier", "id", k.id().value(), cols, values);
            delete(c, "DELETE FROM carrier_number_block WHERE carrier_id = ?", k.id().value());
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO carrier_number_block (carrier_id, prefix) VALUES (?, ?)")) {
                for (String block : new LinkedHashSet<>(k.numberBlocks())) {
                    ps.setString(1, k.id().value());
                    ps.setString(2, block);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    @Override
    public boolean removeCarrier(CarrierId id) {
        return jdbc(c -> delete(c, "DELETE FROM carrier WHERE id = ?", id.value()) > 0);
    }

    @Override
    public void storeState(CarrierId id, CarrierState s) {
        jdbc(c -> {
            upsert(c, "carrier_state", "carrier_id", id.value(),
                    new String[]{"up", "active_calls", "asr_percent", "mos", "updated_at"},
                    new Object[]{s.up(), s.activeCalls(), s.asrPercent() == null ? null : BigDecimal.valueOf(s.asrPercent()),
                        s.mos() == null ? null : BigDecimal.valueOf(s.mos()), Timestamp.from(Instant.now())});
            return null;
        });
    }

    @Override
    public void store(Did d) {
        jdbc(c -> {
            upsert(c, "did", "number", d.number().value(), new String[]{"carrier_id", "pbx_id", "extension"},
                    new Object[]{d.carrier().value(), d.pbx().value(), d.extension()});
            return null;
        });
    }

    @Override
    public boolean removeDid(String number) {
        return jdbc(c -> delete(c, "DELETE FROM did WHERE number = ?", number) > 0);
    }

    @Override
    public void storeInboundDefault(PbxId pbx, String extension) {
        jdbc(c -> {
            upsert(c, "inbound_default", "id", 1, new String[]{"pbx_id", "extension"}, new Object[]{pbx.value(), extension});
            return null;
        });
    }

    @Override
    public Optional<Did> inboundDefault() {
        return jdbc(JdbcRoutingRepository::inboundDefault);
    }

    private static Optional<Did> inboundDefault(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT d.pbx_id, d.extension, p.main_number FROM inbound_default d JOIN pbx p ON p.id = d.pbx_id")) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new Did(new E164Number(rs.getString(3)), null, new PbxId(rs.getString(1)), rs.getString(2)));
        }
    }

    /** UPDATE, or INSERT when there was nothing to update: the same SQL on PostgreSQL and H2. */
    private static void upsert(Connection c, String table, String keyColumn, Object key, String[] cols, Object[] values)
            throws SQLException {
        StringBuilder update = new StringBuilder("UPDATE ").append(table).append(" SET ");
        for (int i = 0; i < cols.length; i++) {
            update.append(i == 0 ? "" : ", ").append(cols[i]).append(" = ?");
        }
        update.append(" WHERE ").append(keyColumn).append(" = ?");
        try (PreparedStatement ps = c.prepareStatement(update.toString())) {
            bind(ps, values);
            ps.setObject(values.length + 1, key);
            if (ps.executeUpdate() > 0) {
                return;
            }
        }
        String insert = "INSERT INTO " + table + " (" + keyColumn + ", " + String.join(", ", cols) + ") VALUES (?"
                + ", ?".repeat(cols.length) + ")";
        try (PreparedStatement ps = c.prepareStatement(insert)) {
            ps.setObject(1, key);
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 2, values[i]);
            }
            ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, Object[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            ps.setObject(i + 1, values[i]);
        }
    }

    private static int delete(Connection c, String sql, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            return ps.executeUpdate();
        }
    }

    private static List<String> list(String csv) {
        if (csv == null || csv.isBlank()) {
            return List.of();
        }
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static Set<Capability> capabilities(String csv) {
        Set<Capability> out = EnumSet.noneOf(Capability.class);
        for (String name : list(csv)) {
            out.add(Capability.valueOf(name));
        }
        return out;
    }
}
