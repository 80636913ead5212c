package org.archivebackend.analysis;

import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.BooleanSetting;

/** Settings of {@code archive_folding}. */
@AnalysisSettings
public interface FoldingSettings {
    /** Also keep the unfolded token at the same position (index time: exact matches rank higher). */
    @BooleanSetting(path = "preserve_original", defaultValue = false)
    boolean preserveOriginal();
}
