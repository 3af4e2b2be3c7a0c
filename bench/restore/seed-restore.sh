#!/usr/bin/env bash
# The seed's restore-metrics.sh loop, as its README describes it (oc + jq + curl): for each backed-up request, jq
# pulls out the request and its metricName, and one curl POSTs it, waiting for the answer before the next.
# RestoreBench runs it against the same stub as ours, as the baseline the issue names.
# Usage: seed-restore.sh BACKUP_FILE SERVICE_URL
set -euo pipefail
file=$1
url=$2
jq -c '.requests[]' "$file" | while read -r entry; do
  metric=$(jq -r '.request.metricName' <<<"$entry")
  request=$(jq -c '.request' <<<"$entry")
  case "$metric" in
    SPD) path=/metrics/group/fairness/spd/request ;;
    DIR) path=/metrics/group/fairness/dir/request ;;
    *) path=/metrics/drift/$(tr '[:upper:]' '[:lower:]' <<<"$metric")/request ;;
  esac
  curl -sf -X POST "$url$path" -H "Content-Type: application/json" -d "$request" >/dev/null
done
