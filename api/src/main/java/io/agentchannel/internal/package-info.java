/**
 * Implementation details of the api module. Not public API: nothing here is stable, and no public
 * signature outside {@code internal} packages exposes a type from here (checked by the build).
 */
package io.agentchannel.internal;
