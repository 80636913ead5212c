/**
 * Analysis components of the archive backend's search index, loaded by Elasticsearch as a
 * "stable" plugin (see named_components.json): each class is a {@code TokenFilterFactory}
 * registered under a name with the {@code archive_} prefix, configured through a settings
 * interface that Elasticsearch implements from the filter's index settings.
 *
 * <p>They exist because the test node (Elastic's integ-test-zip) lacks the analysis-common module;
 * the same plugin goes into the production image so that tests and production analyse alike.
 * Each class is a thin wrapper around a Lucene filter that ships in the node's lib/.
 */
package org.archivebackend.analysis;
