package org.archivebackend.analysis;

import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.StringSetting;

/** Settings of {@code archive_snowball}. */
@AnalysisSettings
public interface StemmerSettings {
    /** A language code (BCP 47 primary subtag): nl, en, de, ru, cs, fr, es, it, pt, sv, da, no, fi. */
    @StringSetting(path = "language", defaultValue = "")
    String language();
}
