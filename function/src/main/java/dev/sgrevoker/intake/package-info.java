/**
 * Direct-invoke intake: detects which form a payload has (cli-input-json, shorthand, simplified flags, a list of them)
 * and normalises it into the model; anything malformed rejects the whole payload, naming the field and the reason.
 */
package dev.sgrevoker.intake;
