#!/bin/bash
# The issue's own measurement, repeatable: a fresh `make run` of the tree given (default: this one), 40 topics
# awarded through the gateway, then wrk: progress reports for 3 x 30 s, how late the board shows a report sent
# right after, the topic page, a filtered board list and the static page. Figures to stdout.
# Usage: deploy/bench/wrk.sh [project dir]     (needs wrk, curl, jq: apt-get install wrk curl jq)
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
DIR=$(cd "${1:-$HERE/../..}" && pwd)
WORK=$(mktemp -d)
B=http://localhost:8080
cd "$DIR" && rm -rf .data
java -cp "deploy/devstack/target/classes:$(cat deploy/devstack/target/runtime.classpath)" io.jiebang.devstack.StackMain > "$WORK/run.log" 2>&1 &
STACK=$!
trap 'kill $STACK; wait $STACK 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 300); do grep -q "is up in" "$WORK/run.log" && break; sleep 1; done
grep -o "is up in [0-9]* s" "$WORK/run.log"

tok() { curl -s -X POST $B/api/auth/login -H 'Content-Type: application/json' -d "{\"username\":\"$1\",\"password\":\"jiebang\"}" | jq -r .accessToken; }
at() { date -u -d "$1" +%Y-%m-%dT%H:%M:%SZ; }
C=$(tok coordinator); S=$(tok street-01); D=$(tok dept-01)
BID=$(curl -s -X POST $B/api/batches -H "Authorization: Bearer $C" -H 'Content-Type: application/json' \
  -d "{\"name\":\"wrk\",\"opensAt\":\"$(at '-1 day')\",\"claimDeadline\":\"$(at '+14 day')\",\"dueDate\":\"$(at '+90 day')\",\"reportingPeriodDays\":7}" | jq -r .id)
curl -s -o /dev/null -X POST $B/api/batches/$BID/open -H "Authorization: Bearer $C"
sleep 2
for i in $(seq 1 40); do
  curl -s -X POST $B/api/topics -H "Authorization: Bearer $S" -H 'Content-Type: application/json' \
    -d "{\"batchId\":\"$BID\",\"title\":\"压测 $i\",\"description\":\"居民反映\",\"category\":\"SW-08\",\"expectedOutcome\":\"见效\",\"dueDate\":\"$(at '+40 day')\",\"priority\":\"HIGH\",\"claimMode\":\"FIRST_COME\",\"maxCoClaimants\":0}" | jq -r .id
done > "$WORK/topics"
sleep 2
while read -r t; do curl -s -o /dev/null -X POST $B/api/topics/$t/publish -H "Authorization: Bearer $S"; done < "$WORK/topics"
sleep 3
while read -r t; do curl -s -o /dev/null -X POST $B/api/topics/$t/claims -H "Authorization: Bearer $D" -H 'Content-Type: application/json' \
  -d "{\"coClaimantOrgIds\":[],\"plan\":\"p\",\"committedDate\":\"$(at '+40 day')\"}"; done < "$WORK/topics"
sleep 5

export TOPICS="$WORK/topics"
for run in 1 2 3; do
  echo "progress reports, run $run:"
  wrk -t2 -c64 -d30s -s "$HERE/progress.lua" -H "Authorization: Bearer $D" -H "Content-Type: application/json" --latency $B | grep -E "Requests/sec|50%|99%|Non-2xx"
done
T1=$(head -1 "$WORK/topics"); NOTE="after-$RANDOM"; SENT=$(date +%s%N)
curl -s -o /dev/null -X POST $B/api/topics/$T1/progress -H "Authorization: Bearer $D" -H 'Content-Type: application/json' -d "{\"percent\":99,\"note\":\"$NOTE\"}"
for _ in $(seq 1 3000); do curl -s $B/api/topics/$T1 -H "Authorization: Bearer $C" | grep -q "$NOTE" && break; sleep 0.05; done
echo "the board showed a report sent right after the burst in $(( ($(date +%s%N) - SENT) / 1000000 )) ms"
echo "topic page ($(curl -s $B/api/topics/$T1 -H "Authorization: Bearer $C" | jq '.timeline | length') timeline entries):"
wrk -t2 -c64 -d20s -H "Authorization: Bearer $C" --latency $B/api/topics/$T1 | grep -E "Requests/sec|50%|99%|Non-2xx"
echo "board list, status IN_PROGRESS, 20 a page:"
wrk -t2 -c64 -d20s -H "Authorization: Bearer $C" --latency "$B/api/topics?status=IN_PROGRESS&size=20" | grep -E "Requests/sec|50%|99%|Non-2xx"
echo "static page through the console:"
wrk -t2 -c64 -d10s --latency $B/ | grep -E "Requests/sec|50%|99%"
