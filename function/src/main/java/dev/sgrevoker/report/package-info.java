/**
 * Result documents and events: the handler's response JSON and the result events put on EventBridge, split into
 * parts when too large for one event, and never dropped silently; the one place the model's codes, triggers and forms
 * become the documented strings. Imports model only; aws/ implements its publisher and fallback.
 */
package dev.sgrevoker.report;
