/**
 * Exceptions shared across packages: {@link dev.sgrevoker.exception.InvalidRequestException}, a request that cannot
 * be understood or is refused whole, with the field and the reason.
 */
package dev.sgrevoker.exception;
