/**
 * Message sizes, in one place: the broker's and every topic's limit, and what a producer may send
 * under it. Deployment files (tools/stack, docker-compose.yml, k8s/base/kafka) state the same broker
 * limit and TopicSpecs the same topic limit; `npm run deploy-check` checks that they agree.
 */

/** `message.max.bytes` on the broker and `max.message.bytes` on every topic: 1 MiB. */
export const KAFKA_MESSAGE_MAX_BYTES = 1_048_576;

/**
 * Largest event a service may produce, as serialized (envelope, key and headers). The headroom under
 * the broker limit covers Kafka's record-batch framing, so an event that passes here is deliverable.
 */
export const MAX_EVENT_BYTES = 900_000;
