#!/usr/bin/env bash
# Restore drill: recover the platform's database from its backups into a separate
# namespace, up to a moment, and check it holds what production held then. Nothing of
# production is touched; the drill's copy sends nothing (no workers, no beat, no ingress).
#
#   helm/drill/restore-drill.sh <production namespace> <production release> [target time]
#
# Needs kubectl (with the cnpg plugin), helm, and the production values file in
# $VALUES (default values-production.yaml). docs/operators/backup-restore.md walks
# through it.
set -euo pipefail

namespace="${1:?production namespace}"
release="${2:?production release}"
target="${3:-$(date --iso-8601=seconds)}"
values="${VALUES:-values-production.yaml}"
chart="$(cd "$(dirname "$0")/../eurzad" && pwd)"
drill_ns="${namespace}-drill"
source_cluster="$(kubectl -n "$namespace" get clusters.postgresql.cnpg.io \
  -l "app.kubernetes.io/instance=${release}" -o jsonpath='{.items[0].metadata.name}')"
manage() { # manage <namespace> <deployment> <command…>: a manage.py command in that release
  kubectl -n "$1" exec "deploy/$2" -c web -- python manage.py "${@:3}"
}

echo "1. What production holds now (towns and their residents' accounts)"
manage "$namespace" "${release}-web" drill_fingerprint > /tmp/drill-production.txt
cat /tmp/drill-production.txt

echo "2. A base backup now, so the drill covers today's WAL as well as the nightly one"
kubectl cnpg backup -n "$namespace" "$source_cluster" \
  --method=plugin --plugin-name=barman-cloud.cloudnative-pg.io
sleep 60

echo "3. Recover into ${drill_ns} up to ${target}"
kubectl create namespace "$drill_ns" --dry-run=client -o yaml | kubectl apply -f -
kubectl -n "$namespace" get secret \
  "$(helm -n "$namespace" get values "$release" -a -o json | python3 -c \
    'import json,sys; print(json.load(sys.stdin)["database"]["cloudnativepg"]["backup"]["credentialsSecret"])')" \
  -o json | python3 -c 'import json,sys; d=json.load(sys.stdin); d["metadata"]={"name":d["metadata"]["name"]}; print(json.dumps(d))' \
  | kubectl -n "$drill_ns" apply -f -
helm upgrade --install "${release}-drill" "$chart" -n "$drill_ns" -f "$values" \
  --set database.cloudnativepg.recovery.enabled=true \
  --set database.cloudnativepg.recovery.sourceServerName="$source_cluster" \
  --set-string database.cloudnativepg.recovery.targetTime="$target" \
  --set database.cloudnativepg.instances=1 \
  --set worker.replicaCount=0 --set beat.enabled=false --set ingress.enabled=false \
  --set web.replicaCount=1 --set web.autoscaling.enabled=false \
  --wait --timeout 30m

echo "4. The copy holds what production held"
manage "$drill_ns" "${release}-drill-web" drill_fingerprint > /tmp/drill-restored.txt
if diff -u /tmp/drill-production.txt /tmp/drill-restored.txt; then
  echo "Restore drill passed: ${drill_ns} matches production as of ${target}."
else
  echo "Restore drill: the copy differs (lines above); rows written after ${target} are expected to differ." >&2
fi

echo "5. Remove the drill: helm -n ${drill_ns} uninstall ${release}-drill && kubectl delete namespace ${drill_ns}"
