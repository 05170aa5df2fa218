package io.trunkline.edge.config;

import io.trunkline.edge.media.MediaProfile;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Media through the node: the rtpengine instances it drives ({@code media.rtpengine}, {@code host:port} of each
 * instance's {@code listen-ng}, comma-separated; none: media is not relayed), how long an {@code ng} request waits
 * ({@code media.ng-timeout-ms}, 300) and how often it is sent ({@code media.ng-attempts}, 2), how long an instance
 * that did not answer is skipped for new calls ({@code media.down-for-ms}, 10,000) and how often deletes it missed
 * are sent again and it is pinged ({@code media.maintain-interval-ms}, 5,000). How each peer is offered media:
 * {@code media.srtp} ({@code as-offered}, {@code sdes} or {@code rtp}), {@code media.ice} ({@code remove} or
 * {@code keep}) and {@code media.on-failure} ({@code pass} or {@code 503}) for every peer, and the same keys under
 * {@code carrier.<id>.media.*} and {@code pbx.<id>.media.*} for one.
 */
public record MediaSettings(List<InetSocketAddress> rtpengines, int ngTimeoutMs, int ngAttempts, int downForMs,
                            int maintainIntervalMs, MediaProfile defaults, Map<String, MediaProfile> carriers,
                            Map<String, MediaProfile> pbxs) {

    public MediaSettings {
        rtpengines = List.copyOf(rtpengines);
        carriers = Map.copyOf(carriers);
        pbxs = Map.copyOf(pbxs);
    }

    /** No relay. */
    public static final MediaSettings NONE = new MediaSettings(List.of(), 300, 2, 10_000, 5_000, MediaProfile.DEFAULT,
            Map.of(), Map.of());

    public boolean relays() {
        return !rtpengines.isEmpty();
    }

    /** How the carrier {@code id} is offered media. */
    public MediaProfile carrier(String id) {
        return carriers.getOrDefault(id, defaults);
    }

    /** How the PBX {@code id} is offered media. */
    public MediaProfile pbx(String id) {
        return pbxs.getOrDefault(id, defaults);
    }

    static MediaSettings from(Properties p) {
        List<InetSocketAddress> engines = new ArrayList<>();
        for (String entry : Props.csv(p.getProperty("media.rtpengine", ""))) {
            engines.add(address(entry));
        }
        MediaProfile defaults = profile(p, "media.", MediaProfile.DEFAULT);
        Map<String, MediaProfile> carriers = new LinkedHashMap<>();
        Map<String, MediaProfile> pbxs = new LinkedHashMap<>();
        for (String kind : List.of("carrier.", "pbx.")) {
            for (String suffix : List.of(".media.srtp", ".media.ice", ".media.on-failure")) {
                Props.idsOf(p, kind, suffix).keySet().forEach(id -> {
                    String prefix = kind + id + ".media.";
                    (kind.equals("pbx.") ? pbxs : carriers).put(kind.equals("pbx.") ? PeerSettings.pbx(id, prefix + "*").value()
                            : PeerSettings.carrier(id, prefix + "*").value(), profile(p, prefix, defaults));
                });
            }
        }
        return new MediaSettings(engines, Props.positive(p, "media.ng-timeout-ms", 300),
                Props.positive(p, "media.ng-attempts", 2), Props.positive(p, "media.down-for-ms", 10_000),
                Props.positive(p, "media.maintain-interval-ms", 5_000), defaults, carriers, pbxs);
    }

    private static InetSocketAddress address(String entry) {
        int colon = entry.lastIndexOf(':');
        String host = colon > 0 ? entry.substring(0, colon) : "";
        int port;
        try {
            port = colon > 0 ? Integer.parseInt(entry.substring(colon + 1)) : -1;
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (host.isBlank() || port < 1 || port > 65_535) {
            throw new IllegalArgumentException("media.rtpengine: '" + entry + "' is not host:port");
        }
        return new InetSocketAddress(host, port);
    }

    private static MediaProfile profile(Properties p, String prefix, MediaProfile base) {
        MediaProfile.Srtp srtp = switch (value(p, prefix + "srtp", base.srtp() == MediaProfile.Srtp.SDES ? "sdes"
                : base.srtp() == MediaProfile.Srtp.OFF ? "rtp" : "as-offered")) {
            case "as-offered" -> MediaProfile.Srtp.AS_OFFERED;
            case "sdes" -> MediaProfile.Srtp.SDES;
            case "rtp" -> MediaProfile.Srtp.OFF;
            default -> throw new IllegalArgumentException(prefix + "srtp: '" + p.getProperty(prefix + "srtp")
                    + "' is not as-offered, sdes or rtp");
        };
        boolean removeIce = switch (value(p, prefix + "ice", base.removeIce() ? "remove" : "keep")) {
            case "remove" -> true;
            case "keep" -> false;
            default -> throw new IllegalArgumentException(prefix + "ice: '" + p.getProperty(prefix + "ice")
                    + "' is not remove or keep");
        };
        MediaProfile.OnFailure onFailure = switch (value(p, prefix + "on-failure",
                base.onFailure() == MediaProfile.OnFailure.PASS ? "pass" : "503")) {
            case "pass" -> MediaProfile.OnFailure.PASS;
            case "503" -> MediaProfile.OnFailure.REFUSE;
            default -> throw new IllegalArgumentException(prefix + "on-failure: '" + p.getProperty(prefix + "on-failure")
                    + "' is not pass or 503");
        };
        return new MediaProfile(srtp, removeIce, onFailure);
    }

    private static String value(Properties p, String key, String dflt) {
        return p.getProperty(key, dflt).trim().toLowerCase(Locale.ROOT);
    }
}
