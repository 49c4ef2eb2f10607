#!/usr/bin/env bash
# Prints the events on one public topic of Jiebang, one line each: time, type, subject (the topic, batch or
# organisation the event is about). From the beginning to the end, then stops; FOLLOW=1 waits for new events.
#
#   examples/kcat/read-topic.sh <topic> [subject]
#     <topic>    directory, batches, topics, claims, dispatch or resolutions (or the full jiebang.public.<name>)
#     [subject]  only the events about this id, e.g. a topic id t-52c2d75c7b29eee1
#
# Environment: KAFKA_BOOTSTRAP_SERVERS (default 127.0.0.1:9092, what `make run` starts), FOLLOW=1, and
# KCAT_CONFIG: a file of librdkafka settings for a broker that asks for SASL/TLS (see README.md).
# Needs kcat and jq (deploy/setup/example-tools.sh installs both).
set -euo pipefail

topic=${1:?usage: read-topic.sh <topic> [subject]}
[[ $topic == jiebang.public.* ]] || topic=jiebang.public.$topic
subject=${2:-}
until_end=(-e)                                   # -e: exit once every partition's last record is read
[ "${FOLLOW:-}" = 1 ] && until_end=()

# kcat -C: a plain consumer, no consumer group (nothing is committed, so every run starts over),
# -o beginning: from each partition's first record; -f '%s\n': each record's value (the CloudEvent) on its own line.
# jq -R 'fromjson?': skips a record that is not JSON; the envelope's attributes give the line.
kcat -C -q -u -b "${KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}" -t "$topic" -o beginning "${until_end[@]}" -f '%s\n' |
  jq -R -r --unbuffered --arg subject "$subject" \
    'fromjson? | select($subject == "" or .subject == $subject) | "\(.time) \(.type) \(.subject)"'
