/**
 * WebSocket framing (RFC 6455, after the HTTP upgrade): the decoder of what a client sends, the encoder of
 * what a server sends, and incremental UTF-8 validation. Bytes in, frames out: no sockets, no threads.
 */
package dev.eco.protocol.ws;
