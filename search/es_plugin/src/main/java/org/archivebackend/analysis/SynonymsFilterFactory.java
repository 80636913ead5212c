package org.archivebackend.analysis;

import java.io.IOException;
import java.io.StringReader;
import java.text.ParseException;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.AnalysisMode;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/**
 * {@code archive_synonyms}: a synonym graph over an inline list of Solr-format rules.
 *
 * <p>The rules are read with a standard tokenizer, lower-casing and ASCII folding, so the filter
 * belongs after {@code lowercase} and {@code archive_folding} (without preserve_original: a
 * synonym graph cannot read stacked tokens) in a search analyzer. Search time only: a graph in
 * the index would need flattening and a reindex for every change of the list.
 */
@NamedComponent("archive_synonyms")
public class SynonymsFilterFactory implements TokenFilterFactory {
    private final SynonymMap map;

    @Inject
    public SynonymsFilterFactory(SynonymsSettings settings) {
        this.map = parse(settings.synonyms(), settings.expand());
    }

    static SynonymMap parse(List<String> rules, boolean expand) {
        Analyzer analyzer = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = new StandardTokenizer();
                TokenStream stream = new ASCIIFoldingFilter(new LowerCaseFilter(tokenizer));
                return new TokenStreamComponents(tokenizer, stream);
            }
        };
        try (analyzer) {
            SolrSynonymParser parser = new SolrSynonymParser(true, expand, analyzer);
            parser.parse(new StringReader(String.join("\n", rules)));
            SynonymMap built = parser.build();
            return built.fst == null ? null : built;  // no rules: the filter passes tokens through
        } catch (ParseException e) {
            throw new IllegalArgumentException(
                    "archive_synonyms: cannot read rule at line " + e.getErrorOffset() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("archive_synonyms: cannot read the rules: " + e.getMessage(), e);
        }
    }

    @Override
    public TokenStream create(TokenStream input) {
        return map == null ? input : new SynonymGraphFilter(input, map, true);
    }

    @Override
    public AnalysisMode getAnalysisMode() {
        return AnalysisMode.SEARCH_TIME;
    }
}
