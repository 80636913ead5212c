package org.archivebackend.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.AnalysisMode;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/** {@code archive_edge_ngram}: every word's beginnings ("vla", "vlas", …), for autocomplete at index time. */
@NamedComponent("archive_edge_ngram")
public class EdgeNgramFilterFactory implements TokenFilterFactory {
    private final int minGram;
    private final int maxGram;
    private final boolean preserveOriginal;

    @Inject
    public EdgeNgramFilterFactory(EdgeNgramSettings settings) {
        this.minGram = settings.minGram();
        this.maxGram = settings.maxGram();
        this.preserveOriginal = settings.preserveOriginal();
        if (minGram < 1 || maxGram < minGram || maxGram > 50) {
            throw new IllegalArgumentException(
                    "archive_edge_ngram: need 1 <= min_gram <= max_gram <= 50, got min_gram ["
                            + minGram + "] max_gram [" + maxGram + "]");
        }
    }

    @Override
    public TokenStream create(TokenStream input) {
        return new EdgeNGramTokenFilter(input, minGram, maxGram, preserveOriginal);
    }

    /** Grams belong in the index only: a query for "vla" must not also match "v". */
    @Override
    public AnalysisMode getAnalysisMode() {
        return AnalysisMode.INDEX_TIME;
    }
}
