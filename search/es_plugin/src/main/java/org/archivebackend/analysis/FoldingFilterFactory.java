package org.archivebackend.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/** {@code archive_folding}: Lucene's ASCII folding ("Vlásov" → "vlasov"), optionally keeping the original. */
@NamedComponent("archive_folding")
public class FoldingFilterFactory implements TokenFilterFactory {
    private final boolean preserveOriginal;

    @Inject
    public FoldingFilterFactory(FoldingSettings settings) {
        this.preserveOriginal = settings.preserveOriginal();
    }

    @Override
    public TokenStream create(TokenStream input) {
        return new ASCIIFoldingFilter(input, preserveOriginal);
    }

    /** Prefix and fuzzy query terms are folded too, never doubled. */
    @Override
    public TokenStream normalize(TokenStream input) {
        return new ASCIIFoldingFilter(input, false);
    }
}
