/**
 * The permission model: immutable records, enums and sealed types (permission, protocol, port range, source, request,
 * selection, outcome, result, trigger family) that the intake produces and the engine and report consume. No I/O.
 * May import exception only.
 */
package dev.sgrevoker.model;
