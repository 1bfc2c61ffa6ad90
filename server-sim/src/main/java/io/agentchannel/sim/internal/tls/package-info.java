/**
 * TLS for the simulator with nothing on disk and no external tools: {@link
 * io.agentchannel.sim.internal.tls.SelfSignedCertificate} makes an EC P-256 key pair and a
 * self-signed X.509 v3 server certificate at start, encoded by the small DER writer in this package
 * (the JDK has no public API to build a certificate), and hands out the matching trust material for
 * JDK and Vert.x clients. Internal: for the simulator, its tests and benchmark clients, not a
 * general-purpose certificate library.
 */
package io.agentchannel.sim.internal.tls;
