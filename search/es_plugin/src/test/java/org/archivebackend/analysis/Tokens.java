package org.archivebackend.analysis;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/** Runs text through standard tokenizer, lowercase and the filters given, as the index does. */
final class Tokens {
    private Tokens() {}

    /** The terms, with "|" joining terms stacked at one position: "vlasov|vlásov". */
    @SafeVarargs
    static List<String> of(String text, UnaryOperator<TokenStream>... filters) throws IOException {
        Tokenizer tokenizer = new StandardTokenizer();
        tokenizer.setReader(new StringReader(text));
        TokenStream stream = new LowerCaseFilter(tokenizer);
        for (UnaryOperator<TokenStream> filter : filters) {
            stream = filter.apply(stream);
        }
        List<String> out = new ArrayList<>();
        try (TokenStream tokens = stream) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = tokens.addAttribute(PositionIncrementAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                if (increment.getPositionIncrement() == 0 && !out.isEmpty()) {
                    out.set(out.size() - 1, out.get(out.size() - 1) + "|" + term);
                } else {
                    out.add(term.toString());
                }
            }
            tokens.end();
        }
        return out;
    }
}
