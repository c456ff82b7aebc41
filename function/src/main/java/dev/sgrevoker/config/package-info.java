/**
 * The function's configuration: every environment variable it reads, its default and how it is checked, read once
 * at start-up into typed values (FunctionConfig, PolicySettings, SweepSetting); a setting that cannot be read is a
 * ConfigurationException naming it. No other class reads the environment. May import intake (its parsers),
 * intake/trigger (TriggerConfig), policy, revoke's MemberAccess, model and exception; nothing below imports it.
 */
package dev.sgrevoker.config;
