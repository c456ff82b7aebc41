/**
 * Exceptions shared across packages: {@link dev.sgrevoker.exception.InvalidRequestException}, a request that cannot
 * be understood or is refused whole, with the field and the reason; {@link
 * dev.sgrevoker.exception.ConfigurationException}, a setting that cannot be read, with the setting and the reason.
 * Imports nothing of ours.
 */
package dev.sgrevoker.exception;
