/**
 * Result documents and events: the handler's response JSON and the result events put on EventBridge, split into
 * parts when too large for one event, and never dropped silently.
 */
package dev.sgrevoker.report;
