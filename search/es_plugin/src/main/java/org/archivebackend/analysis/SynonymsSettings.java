package org.archivebackend.analysis;

import java.util.List;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.BooleanSetting;
import org.elasticsearch.plugin.settings.ListSetting;

/** Settings of {@code archive_synonyms}. */
@AnalysisSettings
public interface SynonymsSettings {
    /** Rules in Solr format, one a line: "praha, praag, prague" or "wlassow => vlasov"; # comments. */
    @ListSetting(path = "synonyms")
    List<String> synonyms();

    /** Equivalent lists ("a, b, c") map every word to all of them; false maps them to the first. */
    @BooleanSetting(path = "expand", defaultValue = true)
    boolean expand();
}
