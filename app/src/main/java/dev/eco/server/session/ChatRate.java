package dev.eco.server.session;

import dev.eco.chat.ChatLimits;

/**
 * The rate limit of one connection's chat frames ({@code --rate-limit}, burst {@code rateBurst}); its
 * bucket is made on the first chat frame, so an echo connection never has one. Reader thread only.
 */
final class ChatRate {

    private final ChatLimits limits;
    private TokenBucket bucket;

    ChatRate(ChatLimits limits) {
        this.limits = limits;
    }

    /** Whether one more chat frame is within the limit now. */
    boolean allow() {
        if (limits.rateLimit() == 0) {
            return true;
        }
        long now = System.nanoTime();
        if (bucket == null) {
            bucket = new TokenBucket(limits.rateLimit(), limits.rateBurst(), now);
        }
        return bucket.tryTake(now);
    }
}
