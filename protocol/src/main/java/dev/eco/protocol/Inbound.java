package dev.eco.protocol;

import dev.eco.protocol.Message.Request;

/** A decoded frame: what the client asked for, and the style its answer must have. */
public record Inbound(Request request, Style style) {}
