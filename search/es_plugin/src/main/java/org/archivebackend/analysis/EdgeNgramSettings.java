package org.archivebackend.analysis;

import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.BooleanSetting;
import org.elasticsearch.plugin.settings.IntSetting;

/** Settings of {@code archive_edge_ngram}. */
@AnalysisSettings
public interface EdgeNgramSettings {
    @IntSetting(path = "min_gram", defaultValue = 1)
    int minGram();

    @IntSetting(path = "max_gram", defaultValue = 20)
    int maxGram();

    /** Keep words longer than max_gram whole, so that typing all of a long word still matches. */
    @BooleanSetting(path = "preserve_original", defaultValue = true)
    boolean preserveOriginal();
}
