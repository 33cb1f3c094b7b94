/** The wire contract of eco: framing, message model and codec. No sockets, no threads. */
package dev.eco.protocol;
