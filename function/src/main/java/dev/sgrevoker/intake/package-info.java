/**
 * Direct-invoke intake: every JSON parsed bounded and strict (InputJson), the forms a payload may take
 * (cli-input-json, shorthand, simplified flags, a list of them) normalised into the model, and the scalar parsers
 * (protocols, CIDRs, numbers, port lists); anything malformed rejects the whole payload, naming the field and the
 * reason. intake/trigger holds the event families. May import policy, model and exception; never the rooms above.
 */
package dev.sgrevoker.intake;
