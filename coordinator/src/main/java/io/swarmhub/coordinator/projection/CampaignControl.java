package io.swarmhub.coordinator.projection;

import com.google.protobuf.ByteString;
import io.swarmhub.coordinator.UlidSource;
import io.swarmhub.coordinator.campaign.CampaignEntry;
import io.swarmhub.coordinator.campaign.CampaignRegistry;
import io.swarmhub.protocol.kafka.EventCodec;
import io.swarmhub.protocol.v1.Campaign;
import io.swarmhub.protocol.v1.CampaignEvent;
import io.swarmhub.protocol.v1.CampaignState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;

/**
 * Launches and stops campaigns by appending campaign events to the log; the registry changes
 * only when the projection applies them. A stop event repeats the definition and the base
 * bundle, because the campaigns topic is compacted and keeps only the latest event per id.
 */
public final class CampaignControl {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final CampaignRegistry<Campaign> campaigns;
    private final BundleStore bundles;
    private final CampaignLog log;
    private final UlidSource ids;
    private final Clock clock;

    public CampaignControl(CampaignRegistry<Campaign> campaigns, BundleStore bundles, CampaignLog log,
                           UlidSource ids, Clock clock) {
        this.campaigns = campaigns;
        this.bundles = bundles;
        this.log = log;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Launches a campaign and returns its id (the requested one, or the name's slug plus a
     * random suffix). Throws {@link IllegalArgumentException} for a bad campaign or id,
     * {@link AlreadyExistsException} when the id is taken, {@link LogUnavailableException}.
     */
    public String launch(Campaign campaign, byte[] baseBundle, String baseCommit, String requestedId) {
        if (campaign.getName().isBlank()) {
            throw new IllegalArgumentException("campaign.name must not be empty");
        }
        String id = requestedId == null || requestedId.isBlank() ? slug(campaign.getName()) + "-" + ids.suffix(8)
                : requestedId;
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("campaign id '" + id
                    + "' must be 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (campaigns.contains(id)) {
            throw new AlreadyExistsException("campaign " + id + " already exists");
        }
        log.append(CampaignEvent.newBuilder()
                .setSchema(EventCodec.CURRENT)
                .setCampaignId(id)
                .setCampaign(campaign)
                .setState(CampaignState.ACTIVE)
                .setAtMs(clock.millis())
                .setBaseBundle(ByteString.copyFrom(baseBundle))
                .setBaseCommit(baseCommit == null ? "" : baseCommit)
                .build());
        return id;
    }

    /** Stops a campaign; stopping a stopped one changes nothing. Throws {@link NoSuchElementException}. */
    public CampaignEntry<Campaign> stop(String id) {
        CampaignEntry<Campaign> entry = campaigns.get(id)
                .orElseThrow(() -> new NoSuchElementException("unknown campaign " + id));
        if (!entry.active()) {
            return entry;
        }
        byte[] bundle;
        try {
            bundle = bundles.get(id).orElse(new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the base bundle of campaign " + id, e);
        }
        log.append(CampaignEvent.newBuilder()
                .setSchema(EventCodec.CURRENT)
                .setCampaignId(id)
                .setCampaign(entry.definition())
                .setState(CampaignState.STOPPED)
                .setAtMs(clock.millis())
                .setBaseBundle(ByteString.copyFrom(bundle))
                .setBaseCommit(entry.baseCommit())
                .build());
        return campaigns.get(id).orElse(entry);
    }

    static String slug(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (s.length() > 40) {
            s = s.substring(0, 40).replaceAll("-+$", "");
        }
        return s.isEmpty() ? "campaign" : s;
    }

    /** A launch asked for an id that another campaign already has. */
    public static final class AlreadyExistsException extends RuntimeException {
        public AlreadyExistsException(String message) {
            super(message);
        }
    }
}
