/**
 * Result documents and events: the handler's response JSON, the result events' details split into parts when too
 * large for one event, restore documents, and the publisher and fallback interfaces (aws/ implements them), so a
 * result is never dropped silently; the one place the model's codes, triggers and forms become the documented
 * strings. Imports model only.
 */
package dev.sgrevoker.report;
