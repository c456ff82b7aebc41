/**
 * The permission model: immutable records, enums and sealed types (permission, protocol, port range, source, request,
 * selection, outcome, failure code, where a group is, result, trigger family) that the intake produces and the engine
 * and report consume. No I/O, and no wire strings: report/ names them. May import exception only.
 */
package dev.sgrevoker.model;
