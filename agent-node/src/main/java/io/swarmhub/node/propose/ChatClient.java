package io.swarmhub.node.propose;

/** A chat model behind some API: one request, one reply. The seam between the LLM proposer and HTTP. */
@FunctionalInterface
public interface ChatClient {
    /** The model's reply to a system and a user message; throws with a reason (never holding a credential). */
    Reply complete(String system, String user) throws ChatException;

    /** What the model answered, and why it stopped ({@code length}: cut at max_tokens). */
    record Reply(String content, String finishReason) {
        public Reply {
            content = content == null ? "" : content;
            finishReason = finishReason == null ? "" : finishReason;
        }
    }

    /** The endpoint gave no usable reply (after retries where they apply). */
    final class ChatException extends Exception {
        public ChatException(String message) {
            super(message);
        }
    }
}
