package org.archivebackend.analysis;

import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cz.CzechStemFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;
import org.tartarus.snowball.SnowballStemmer;
import org.tartarus.snowball.ext.DanishStemmer;
import org.tartarus.snowball.ext.DutchStemmer;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.FinnishStemmer;
import org.tartarus.snowball.ext.FrenchStemmer;
import org.tartarus.snowball.ext.GermanStemmer;
import org.tartarus.snowball.ext.ItalianStemmer;
import org.tartarus.snowball.ext.NorwegianStemmer;
import org.tartarus.snowball.ext.PortugueseStemmer;
import org.tartarus.snowball.ext.RussianStemmer;
import org.tartarus.snowball.ext.SpanishStemmer;
import org.tartarus.snowball.ext.SwedishStemmer;

/**
 * {@code archive_snowball}: the stemmer of one language, chosen by its code.
 *
 * <p>Snowball has no Czech stemmer; for {@code cs} this uses Lucene's {@link CzechStemFilter}
 * (a light stemmer after Dolamic and Savoy, the one Lucene's CzechAnalyzer uses). It expects
 * lower-cased text with its diacritics, so it goes before folding in an analyzer, as all of them do.
 */
@NamedComponent("archive_snowball")
public class StemmerFilterFactory implements TokenFilterFactory {
    private static Function<TokenStream, TokenStream> snowball(Supplier<SnowballStemmer> stemmer) {
        // A Snowball stemmer keeps state between calls: one per token stream.
        return input -> new SnowballFilter(input, stemmer.get());
    }

    static final Map<String, Function<TokenStream, TokenStream>> LANGUAGES = Map.ofEntries(
            Map.entry("nl", snowball(DutchStemmer::new)),
            Map.entry("en", snowball(EnglishStemmer::new)),
            Map.entry("de", snowball(GermanStemmer::new)),
            Map.entry("ru", snowball(RussianStemmer::new)),
            Map.entry("cs", CzechStemFilter::new),
            Map.entry("fr", snowball(FrenchStemmer::new)),
            Map.entry("es", snowball(SpanishStemmer::new)),
            Map.entry("it", snowball(ItalianStemmer::new)),
            Map.entry("pt", snowball(PortugueseStemmer::new)),
            Map.entry("sv", snowball(SwedishStemmer::new)),
            Map.entry("da", snowball(DanishStemmer::new)),
            Map.entry("no", snowball(NorwegianStemmer::new)),
            Map.entry("fi", snowball(FinnishStemmer::new)));

    private final Function<TokenStream, TokenStream> stemmer;

    @Inject
    public StemmerFilterFactory(StemmerSettings settings) {
        String language = settings.language().trim().toLowerCase(java.util.Locale.ROOT);
        if (language.isEmpty()) {
            // Elasticsearch also builds every component once with empty settings, when an index
            // with custom filters is created: that instance must not fail, only refuse to stem.
            this.stemmer = input -> {
                throw new IllegalArgumentException("archive_snowball: set a language, one of " + languages());
            };
            return;
        }
        this.stemmer = LANGUAGES.get(language);
        if (stemmer == null) {
            throw new IllegalArgumentException(
                    "archive_snowball: unknown language [" + settings.language() + "]; use one of " + languages());
        }
    }

    private static TreeSet<String> languages() {
        return new TreeSet<>(LANGUAGES.keySet());
    }

    @Override
    public TokenStream create(TokenStream input) {
        return stemmer.apply(input);
    }
}
