package io.swarmhub.deploy.cli;

import io.swarmhub.protocol.CampaignException;
import io.swarmhub.protocol.CampaignLoader;
import io.swarmhub.protocol.v1.Campaign;
import java.nio.file.Path;

/** Loads a campaign file for a command, printing its problems (file:line: field: message) when it has any. */
final class CampaignFiles {
    private CampaignFiles() {
    }

    /** The campaign, or null after the problems were printed (the command then exits 2). */
    static Campaign loadOrReport(Path file) {
        try {
            return CampaignLoader.load(file);
        } catch (CampaignException e) {
            System.err.println(e.getMessage());
            System.err.println("swarm: fix the campaign file and run again (docs/campaigns.md describes every field)");
            return null;
        }
    }
}
