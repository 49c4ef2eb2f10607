"""How many topics each batch of Jiebang's board has published, awarded and resolved, from its public Kafka topics.

Reads the public topics from the beginning up to where they end now, the way an analytics team would, and prints
one line per batch:

    b-1a2b3c4d5e6f7a8b 第一批: 12 published, 9 awarded, 4 resolved

Run it with Debian's python3, which has the kafka module of python3-kafka (deploy/setup/example-tools.sh):

    KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9092 /usr/bin/python3 examples/python/topics_per_batch.py
"""
import json
import os

from kafka import KafkaConsumer, TopicPartition

# The public topics this report needs (of the six: directory and dispatch it does not).
TOPICS = ["jiebang.public.batches", "jiebang.public.topics", "jiebang.public.claims", "jiebang.public.resolutions"]
# The events it counts, by the board's name and the CloudEvents type on the wire. Records written before 2026-11-30
# carry the board's name as their type (docs/events-changelog.md): reading history, both come, so it takes both.
COUNTED = {"BatchCreated": "io.jiebang.batch.created.v1", "TopicPublished": "io.jiebang.topic.published.v1",
           "ClaimAwarded": "io.jiebang.claim.awarded.v1", "TopicAssigned": "io.jiebang.claim.topic-assigned.v1",
           "ResolutionAccepted": "io.jiebang.resolution.accepted.v1",
           "TopicClosed": "io.jiebang.resolution.topic-closed.v1",
           "TopicReopened": "io.jiebang.resolution.topic-reopened.v1"}
BOARD_NAME = {**{name: name for name in COUNTED}, **{wire: name for name, wire in COUNTED.items()}}


def connection_settings():
    """Where the broker is and, when KAFKA_SASL_USERNAME is set, how to log in to it (SASL_SSL with SCRAM)."""
    settings = {"bootstrap_servers": os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092")}
    if os.environ.get("KAFKA_SASL_USERNAME"):
        settings.update(security_protocol="SASL_SSL", sasl_mechanism="SCRAM-SHA-512",
                        sasl_plain_username=os.environ["KAFKA_SASL_USERNAME"],
                        sasl_plain_password=os.environ["KAFKA_SASL_PASSWORD"],
                        ssl_cafile=os.environ.get("KAFKA_SSL_CA_LOCATION"))
    return settings


def events_until_now():
    """Every event now on TOPICS, each once. One topic's events are on one partition, so they come in order."""
    # No consumer group: we pick the partitions ourselves and commit nothing, so every run reads everything again.
    consumer = KafkaConsumer(group_id=None, enable_auto_commit=False, **connection_settings())
    partitions = [TopicPartition(topic, partition)
                  for topic in TOPICS for partition in consumer.partitions_for_topic(topic) or []]
    consumer.assign(partitions)
    consumer.seek_to_beginning(*partitions)
    end = consumer.end_offsets(partitions)  # where each partition ends now: we stop there
    seen = set()
    while any(consumer.position(partition) < end[partition] for partition in partitions):
        for records in consumer.poll(timeout_ms=1000).values():
            for record in records:
                try:
                    event = json.loads(record.value)  # a CloudEvent: id, type, subject, time, ..., data
                except ValueError:
                    continue  # not an event at all: nothing to count
                # A producer's retry may put the same event on Kafka twice: count each id once.
                if event["id"] not in seen:
                    seen.add(event["id"])
                    yield event
    consumer.close()


def main():
    batch_names = {}    # batch id -> its name
    batch_of = {}       # topic id -> the batch it was published in
    awarded = set()     # topic ids that went to a department or street, by award or by assignment
    resolved = {}       # topic id -> True while its resolution stands, False once reopened for another round
    for event in events_until_now():
        kind, data = BOARD_NAME.get(event["type"]), event["data"]  # None for the types it does not count
        if kind == "BatchCreated":
            batch_names[data["batchId"]] = data["name"]
        elif kind == "TopicPublished":
            batch_of[data["topicId"]] = data["batchId"]
        elif kind in ("ClaimAwarded", "TopicAssigned"):
            awarded.add(data["topicId"])
        elif kind in ("ResolutionAccepted", "TopicClosed"):  # TopicClosed: also after an appeal against a reopening
            resolved[data["topicId"]] = True
        elif kind == "TopicReopened":                        # the residents were not satisfied: not resolved now
            resolved[data["topicId"]] = False

    # Events of different Kafka topics come in no set order (an award may come before its publication): so count
    # only now that everything is read.
    for batch_id in sorted(set(batch_names) | set(batch_of.values())):
        topics = [topic for topic, batch in batch_of.items() if batch == batch_id]
        print(f"{batch_id} {batch_names.get(batch_id, '?')}: {len(topics)} published, "
              f"{sum(topic in awarded for topic in topics)} awarded, "
              f"{sum(resolved.get(topic, False) for topic in topics)} resolved", flush=True)


if __name__ == "__main__":
    main()
