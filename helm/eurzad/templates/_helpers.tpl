{{/* vim: set filetype=mustache: */}}

{{/*
Chart name, overridable with nameOverride.
*/}}
{{- define "eurzad.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Fully qualified app name, the prefix of every resource name. Truncated to 56 characters so
that a component suffix ("-worker", "-migrate") still fits in 63.
*/}}
{{- define "eurzad.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 56 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 56 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 56 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Name of one component's resources: <fullname>-<component>.
Usage: include "eurzad.componentName" (dict "ctx" $ "component" "web")
*/}}
{{- define "eurzad.componentName" -}}
{{- printf "%s-%s" (include "eurzad.fullname" .ctx) .component | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Chart name and version, for the helm.sh/chart label.
*/}}
{{- define "eurzad.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Common labels of every resource.
*/}}
{{- define "eurzad.labels" -}}
helm.sh/chart: {{ include "eurzad.chart" . }}
{{ include "eurzad.selectorLabels" . }}
app.kubernetes.io/version: {{ include "eurzad.imageTag" . | trunc 63 | trimSuffix "-" | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: eurzad
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
Selector labels shared by every component.
*/}}
{{- define "eurzad.selectorLabels" -}}
app.kubernetes.io/name: {{ include "eurzad.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Labels of one component's resources.
Usage: include "eurzad.componentLabels" (dict "ctx" $ "component" "web")
*/}}
{{- define "eurzad.componentLabels" -}}
{{ include "eurzad.labels" .ctx }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/*
Selector labels of one component's pods.
Usage: include "eurzad.componentSelectorLabels" (dict "ctx" $ "component" "web")
*/}}
{{- define "eurzad.componentSelectorLabels" -}}
{{ include "eurzad.selectorLabels" .ctx }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/*
Image tag: image.tag, or the chart's appVersion.
*/}}
{{- define "eurzad.imageTag" -}}
{{- .Values.image.tag | default .Chart.AppVersion | toString }}
{{- end }}

{{/*
Full image reference: repository@digest when a digest is given, else repository:tag.
*/}}
{{- define "eurzad.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (include "eurzad.imageTag" .) }}
{{- end }}
{{- end }}

{{/*
Name of the ServiceAccount the pods run as.
*/}}
{{- define "eurzad.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "eurzad.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
Name of the Secret holding DATABASE_URL, REDIS_URL, SECRET_KEY and EMAIL_URL.
*/}}
{{- define "eurzad.secretName" -}}
{{- default (include "eurzad.fullname" .) .Values.secrets.existingSecret }}
{{- end }}

{{/*
Name of a volume's PersistentVolumeClaim: persistence.<volume>.existingClaim, or
<fullname>-<volume>.
Usage: include "eurzad.claimName" (dict "ctx" $ "volume" "private")
*/}}
{{- define "eurzad.claimName" -}}
{{- $persistence := index .ctx.Values.persistence .volume }}
{{- default (include "eurzad.componentName" (dict "ctx" .ctx "component" .volume)) $persistence.existingClaim }}
{{- end }}

{{/*
"true" when private files are kept on the private volume and sent by the web pods' file
server (privateFiles.delivery x-accel), else "".
*/}}
{{- define "eurzad.privateVolume" -}}
{{- if eq .Values.privateFiles.delivery "x-accel" }}true{{ end }}
{{- end }}

{{/*
"true" when the migration hook can mount a volume (media or private), else "". The hook
runs before the release's own resources are created or updated, so a claim the chart
creates is mounted only once it exists (looked up in the cluster: an upgrade after the
release created it); an existingClaim always. Never an emptyDir instead: a data migration
moving files into one would lose them. Without the volume a migration that has files to
move fails (read-only root filesystem) rather than losing any.
Usage: include "eurzad.hookMountsVolume" (dict "ctx" $ "volume" "private")
*/}}
{{- define "eurzad.hookMountsVolume" -}}
{{- $ctx := .ctx }}
{{- $persistence := index $ctx.Values.persistence .volume }}
{{- $used := or (eq .volume "media") (include "eurzad.privateVolume" $ctx) }}
{{- if and $used $persistence.enabled }}
{{- if $persistence.existingClaim }}true
{{- else if lookup "v1" "PersistentVolumeClaim" $ctx.Release.Namespace (include "eurzad.claimName" .) }}true
{{- end }}
{{- end }}
{{- end }}

{{/*
Image of the web pods' file server.
*/}}
{{- define "eurzad.fileServerImage" -}}
{{- $image := .Values.privateFiles.fileServer.image }}
{{- if $image.digest }}
{{- printf "%s@%s" $image.repository $image.digest }}
{{- else }}
{{- printf "%s:%s" $image.repository ($image.tag | toString) }}
{{- end }}
{{- end }}

{{/*
Django SECRET_KEY: secrets.secretKey; else the key already stored in the release's Secret
(so upgrades keep it); else a new random key. The result is remembered in .Values for the
rest of the render, so the Secret, the migration hook's copy of it and the checksum
annotations all see the same key.
*/}}
{{- define "eurzad.secretKey" -}}
{{- if not .Values.secrets.secretKey }}
{{- $existing := lookup "v1" "Secret" .Release.Namespace (include "eurzad.fullname" .) }}
{{- $stored := "" }}
{{- if $existing }}
{{- if $existing.data }}
{{- $stored = index $existing.data "SECRET_KEY" | default "" }}
{{- end }}
{{- end }}
{{- if $stored }}
{{- $_ := set .Values.secrets "secretKey" ($stored | b64dec) }}
{{- else }}
{{- $_ := set .Values.secrets "secretKey" (randAlphaNum 64) }}
{{- end }}
{{- end }}
{{- .Values.secrets.secretKey }}
{{- end }}

{{/*
Data of the chart-managed Secret (base64-encoded), shared by secret.yaml and the
migration hook's copy.
*/}}
{{- define "eurzad.secretData" -}}
SECRET_KEY: {{ include "eurzad.secretKey" . | b64enc | quote }}
{{- with .Values.secrets.databaseUrl }}
DATABASE_URL: {{ . | b64enc | quote }}
{{- end }}
{{- with .Values.secrets.redisUrl }}
REDIS_URL: {{ . | b64enc | quote }}
{{- end }}
{{- with .Values.secrets.emailUrl }}
EMAIL_URL: {{ . | b64enc | quote }}
{{- end }}
{{- with .Values.secrets.emailHostPassword }}
EMAIL_HOST_PASSWORD: {{ . | b64enc | quote }}
{{- end }}
{{- with .Values.secrets.metricsToken }}
METRICS_TOKEN: {{ . | b64enc | quote }}
{{- end }}
{{- with .Values.secrets.privateFilesS3AccessKeyId }}
PRIVATE_FILES_S3_ACCESS_KEY_ID: {{ . | b64enc | quote }}
{{- end }}
{{- with .Values.secrets.privateFilesS3SecretAccessKey }}
PRIVATE_FILES_S3_SECRET_ACCESS_KEY: {{ . | b64enc | quote }}
{{- end }}
{{- if .Values.redis.sentinel.enabled }}
{{- with .Values.redis.sentinel.password }}
REDIS_SENTINEL_PASSWORD: {{ . | b64enc | quote }}
{{- end }}
{{- end }}
{{- range $name, $value := .Values.secrets.extra }}
{{ $name }}: {{ $value | toString | b64enc | quote }}
{{- end }}
{{- end }}

{{/*
ALLOWED_HOSTS: config.allowedHosts, or the platform domain, its subdomains and every
custom domain of the ingress.
*/}}
{{- define "eurzad.allowedHosts" -}}
{{- if .Values.config.allowedHosts }}
{{- join "," .Values.config.allowedHosts }}
{{- else }}
{{- $hosts := list .Values.platformDomain (printf ".%s" .Values.platformDomain) }}
{{- range .Values.ingress.customDomains }}
{{- $hosts = append $hosts (include "eurzad.customDomainHost" .) }}
{{- end }}
{{- join "," (uniq $hosts) }}
{{- end }}
{{- end }}

{{/*
Host of an ingress.customDomains item (a string or {host, secretName}).
*/}}
{{- define "eurzad.customDomainHost" -}}
{{- if kindIs "string" . }}{{ . }}{{ else }}{{ .host }}{{ end }}
{{- end }}

{{/*
Data of the ConfigMap (non-secret environment), shared by configmap.yaml and the migration
hook's copy.
*/}}
{{- define "eurzad.configData" -}}
{{- $data := dict }}
{{- range $name, $value := .Values.config.settings }}
{{- $_ := set $data $name ($value | toString) }}
{{- end }}
{{- $_ := set $data "DJANGO_SETTINGS_MODULE" "eurzad.settings.production" }}
{{- $_ := set $data "DEBUG" "false" }}
{{- $_ := set $data "SIMULATORS_ENABLED" "false" }}
{{- $_ := set $data "PLATFORM_DOMAIN" .Values.platformDomain }}
{{- $_ := set $data "ALLOWED_HOSTS" (include "eurzad.allowedHosts" .) }}
{{- $_ := set $data "MEDIA_ROOT" .Values.config.mediaRoot }}
{{- $_ := set $data "LOG_LEVEL" .Values.config.logLevel }}
{{- $_ := set $data "ACCESS_LOG_FLUSH_SECONDS" (.Values.config.accessLogFlushSeconds | toString) }}
{{- $_ := set $data "DEFAULT_FROM_EMAIL" (.Values.config.defaultFromEmail | default (printf "eurzad <no-reply@%s>" .Values.platformDomain)) }}
{{- $_ := set $data "WAGTAILADMIN_BASE_URL" (.Values.config.wagtailadminBaseUrl | default (printf "https://%s" .Values.platformDomain)) }}
{{- $private := .Values.privateFiles }}
{{- $_ := set $data "PRIVATE_FILES_DELIVERY" $private.delivery }}
{{- $_ := set $data "PRIVATE_FILES_STORAGE" (ternary "filesystem" "s3" (eq $private.delivery "x-accel")) }}
{{- $_ := set $data "PRIVATE_FILES_ROOT" .Values.config.privateRoot }}
{{- $_ := set $data "PRIVATE_FILES_ACCEL_PREFIX" $private.accelPrefix }}
{{- $_ := set $data "PRIVATE_FILES_URL_SECONDS" ($private.s3.urlSeconds | toString) }}
{{- $_ := set $data "PRIVATE_FILES_S3_BUCKET" $private.s3.bucket }}
{{- $_ := set $data "PRIVATE_FILES_S3_PREFIX" $private.s3.prefix }}
{{- $_ := set $data "PRIVATE_FILES_S3_ENDPOINT_URL" $private.s3.endpointUrl }}
{{- $_ := set $data "PRIVATE_FILES_S3_REGION" $private.s3.region }}
{{- $_ := set $data "PRIVATE_FILES_S3_ADDRESSING_STYLE" $private.s3.addressingStyle }}
{{- if .Values.redis.sentinel.enabled }}
{{- $_ := set $data "REDIS_SENTINELS" (join "," .Values.redis.sentinel.hosts) }}
{{- $_ := set $data "REDIS_SENTINEL_MASTER" .Values.redis.sentinel.masterName }}
{{- end }}
{{- range $name, $value := .Values.config.env }}
{{- $_ := set $data $name ($value | toString) }}
{{- end }}
{{- range $name := keys $data | sortAlpha }}
{{ $name }}: {{ index $data $name | quote }}
{{- end }}
{{- end }}

{{/*
A probe with the platform Host header added to its httpGet (unless it has httpHeaders).
Usage: include "eurzad.probe" (dict "ctx" $ "probe" .Values.web.livenessProbe "host" "...")
*/}}
{{- define "eurzad.probe" -}}
{{- $probe := deepCopy .probe }}
{{- if and $probe.httpGet (not $probe.httpGet.httpHeaders) }}
{{- $_ := set $probe.httpGet "httpHeaders" (list (dict "name" "Host" "value" .host)) }}
{{- end }}
{{- toYaml $probe }}
{{- end }}

{{/*
Pod annotations: checksums of the configuration (so pods roll when it changes), the global
podAnnotations and the component's.
Usage: include "eurzad.podAnnotations" (dict "ctx" $ "values" .Values.web)
*/}}
{{- define "eurzad.podAnnotations" -}}
{{- $ctx := .ctx -}}
checksum/config: {{ include "eurzad.configData" $ctx | sha256sum }}
{{- if not $ctx.Values.secrets.existingSecret }}
checksum/secret: {{ include "eurzad.secretData" $ctx | sha256sum }}
{{- end }}
{{- with (merge (deepCopy (.values.podAnnotations | default dict)) ($ctx.Values.podAnnotations | default dict)) }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
Pod labels: component selector labels, common labels, global and component podLabels.
Usage: include "eurzad.podLabels" (dict "ctx" $ "component" "web" "values" .Values.web)
*/}}
{{- define "eurzad.podLabels" -}}
{{ include "eurzad.componentLabels" . }}
{{- with (merge (deepCopy (.values.podLabels | default dict)) (.ctx.Values.podLabels | default dict)) }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
Pod-level settings shared by every pod: pull secrets, service account, security context,
scheduling.
Usage: include "eurzad.podCommon" (dict "ctx" $ "component" "web" "values" .Values.web
       "antiAffinity" true "serviceAccountName" "...")
*/}}
{{- define "eurzad.podCommon" -}}
{{- $ctx := .ctx -}}
{{- $c := .values -}}
{{- with $ctx.Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
serviceAccountName: {{ .serviceAccountName | default (include "eurzad.serviceAccountName" $ctx) }}
automountServiceAccountToken: {{ $ctx.Values.serviceAccount.automountServiceAccountToken }}
enableServiceLinks: false
{{- with ($c.priorityClassName | default $ctx.Values.priorityClassName) }}
priorityClassName: {{ . }}
{{- end }}
securityContext:
  {{- toYaml $ctx.Values.podSecurityContext | nindent 2 }}
{{- with ($c.nodeSelector | default $ctx.Values.nodeSelector) }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with ($c.tolerations | default $ctx.Values.tolerations) }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- $affinity := $c.affinity | default $ctx.Values.affinity }}
{{- $anti := $ctx.Values.podAntiAffinity }}
{{- $selector := include "eurzad.componentSelectorLabels" . | fromYaml }}
{{- if $affinity }}
affinity:
  {{- toYaml $affinity | nindent 2 }}
{{- else if and .antiAffinity (ne $anti.type "none") }}
affinity:
  podAntiAffinity:
    {{- if eq $anti.type "required" }}
    requiredDuringSchedulingIgnoredDuringExecution:
      - topologyKey: {{ $anti.topologyKey }}
        labelSelector:
          matchLabels:
            {{- toYaml $selector | nindent 12 }}
    {{- else }}
    preferredDuringSchedulingIgnoredDuringExecution:
      - weight: {{ $anti.weight }}
        podAffinityTerm:
          topologyKey: {{ $anti.topologyKey }}
          labelSelector:
            matchLabels:
              {{- toYaml $selector | nindent 14 }}
    {{- end }}
{{- end }}
{{- if .antiAffinity }}
{{- $constraints := $c.topologySpreadConstraints | default $ctx.Values.topologySpreadConstraints }}
{{- if $constraints }}
topologySpreadConstraints:
{{- range $constraints }}
{{- $constraint := deepCopy . }}
{{- if not $constraint.labelSelector }}
{{- $_ := set $constraint "labelSelector" (dict "matchLabels" $selector) }}
{{- end }}
{{- toYaml (list $constraint) | nindent 2 }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}

{{/*
envFrom of every container: the ConfigMap, the Secret, extraEnvFrom.
Usage: include "eurzad.envFrom" (dict "ctx" $ "configMap" "..." "secret" "...")
*/}}
{{/*
Name of the CloudNativePG Cluster of the platform's database.
*/}}
{{- define "eurzad.databaseCluster" -}}
{{- printf "%s-db" (include "eurzad.fullname" .) | trunc 50 | trimSuffix "-" }}
{{- end }}

{{/*
When the migrations run: before install and upgrade, or — with the database the chart
creates (CloudNativePG) — after install, once the Cluster exists (the Job waits for it).
*/}}
{{- define "eurzad.migrateHook" -}}
{{- ternary "post-install,pre-upgrade" "pre-install,pre-upgrade" .Values.database.cloudnativepg.enabled }}
{{- end }}

{{- define "eurzad.envFrom" -}}
- configMapRef:
    name: {{ .configMap }}
- secretRef:
    name: {{ .secret }}
{{- with .ctx.Values.extraEnvFrom }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
Extra env of a container: global extraEnv, then the component's (later entries win).
Usage: include "eurzad.extraEnv" (dict "ctx" $ "values" .Values.web)
*/}}
{{- define "eurzad.extraEnv" -}}
{{- if .ctx.Values.database.cloudnativepg.enabled }}
# The operator's Secret of the application user: the URL of the primary (read-write).
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ include "eurzad.databaseCluster" .ctx }}-app
      key: uri
{{- end }}
{{- with .ctx.Values.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- with .values.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
Volume mounts of every container: /tmp, the media and private volumes (when asked), extra
mounts.
Usage: include "eurzad.volumeMounts" (dict "ctx" $ "media" true "private" true)
*/}}
{{- define "eurzad.volumeMounts" -}}
- name: tmp
  mountPath: /tmp
{{- if .media }}
- name: media
  mountPath: {{ .ctx.Values.config.mediaRoot }}
{{- end }}
{{- if .private }}
- name: private
  mountPath: {{ .ctx.Values.config.privateRoot }}
{{- end }}
{{- with .ctx.Values.extraVolumeMounts }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
Volumes of every pod: /tmp, the media and private volumes (when asked; the claim, or an
emptyDir while persistence.<volume>.enabled is off), the file server's configuration
(when asked), extra volumes.
Usage: include "eurzad.volumes" (dict "ctx" $ "media" true "private" true "fileServer" true)
*/}}
{{- define "eurzad.volumes" -}}
{{- $ctx := .ctx }}
- name: tmp
  emptyDir:
    {{- with $ctx.Values.tmpVolume.medium }}
    medium: {{ . }}
    {{- end }}
    {{- with $ctx.Values.tmpVolume.sizeLimit }}
    sizeLimit: {{ . }}
    {{- end }}
{{- range $volume := list "media" "private" }}
{{- if index $ $volume }}
- name: {{ $volume }}
  {{- if (index $ctx.Values.persistence $volume).enabled }}
  persistentVolumeClaim:
    claimName: {{ include "eurzad.claimName" (dict "ctx" $ctx "volume" $volume) }}
  {{- else }}
  emptyDir: {}
  {{- end }}
{{- end }}
{{- end }}
{{- if .fileServer }}
- name: file-server-config
  configMap:
    name: {{ include "eurzad.componentName" (dict "ctx" $ctx "component" "file-server") }}
{{- end }}
{{- with .ctx.Values.extraVolumes }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
HorizontalPodAutoscaler metrics.
Usage: include "eurzad.hpaMetrics" .Values.web.autoscaling
*/}}
{{- define "eurzad.hpaMetrics" -}}
{{- if .targetCPUUtilizationPercentage }}
- type: Resource
  resource:
    name: cpu
    target:
      type: Utilization
      averageUtilization: {{ .targetCPUUtilizationPercentage }}
{{- end }}
{{- if .targetMemoryUtilizationPercentage }}
- type: Resource
  resource:
    name: memory
    target:
      type: Utilization
      averageUtilization: {{ .targetMemoryUtilizationPercentage }}
{{- end }}
{{- end }}

{{/*
Checks that fail the render with a clear message.
*/}}
{{- define "eurzad.validate" -}}
{{- if not .Values.platformDomain }}
{{- fail "platformDomain is required (e.g. eurzad.pl): towns are served on <slug>.<platformDomain>" }}
{{- end }}
{{- $db := .Values.database.cloudnativepg }}
{{- if and $db.enabled (or (not $db.backup.destinationPath) (not $db.backup.credentialsSecret)) }}
{{- fail "database.cloudnativepg.enabled needs backup.destinationPath and backup.credentialsSecret: a database without backups is not offered" }}
{{- end }}
{{- if and $db.recovery.enabled (not $db.recovery.sourceServerName) }}
{{- fail "database.cloudnativepg.recovery.enabled needs recovery.sourceServerName (the name the backed-up Cluster archived under)" }}
{{- end }}
{{- if and .Values.redis.sentinel.enabled (not .Values.redis.sentinel.hosts) }}
{{- fail "redis.sentinel.enabled needs redis.sentinel.hosts (host:port of each Sentinel)" }}
{{- end }}
{{- range .Values.ingress.customDomains }}
{{- if not (include "eurzad.customDomainHost" .) }}
{{- fail "every ingress.customDomains item needs a host" }}
{{- end }}
{{- end }}
{{- $private := .Values.privateFiles }}
{{- if and (eq $private.delivery "s3") (not $private.s3.bucket) }}
{{- fail "privateFiles.delivery s3 needs privateFiles.s3.bucket (a private bucket for the towns' private files)" }}
{{- end }}
{{- $mediaRoot := printf "%s/" (trimSuffix "/" .Values.config.mediaRoot) }}
{{- $privateRoot := printf "%s/" (trimSuffix "/" .Values.config.privateRoot) }}
{{- if or (hasPrefix $mediaRoot $privateRoot) (hasPrefix $privateRoot $mediaRoot) }}
{{- fail "config.privateRoot and config.mediaRoot must be separate folders: private files never live under the public media" }}
{{- end }}
{{- range list "PRIVATE_FILES_DELIVERY" "PRIVATE_FILES_STORAGE" "PRIVATE_FILES_ROOT" "PRIVATE_FILES_ACCEL_PREFIX" }}
{{- if hasKey $.Values.config.env . }}
{{- fail (printf "config.env.%s would not match the volumes and file server the chart deploys: set privateFiles.* and config.privateRoot instead" .) }}
{{- end }}
{{- end }}
{{- range list "web" "worker" }}
{{- $a := (index $.Values .).autoscaling }}
{{- if and $a.enabled (not (or $a.targetCPUUtilizationPercentage $a.targetMemoryUtilizationPercentage)) }}
{{- fail (printf "%s.autoscaling.enabled needs targetCPUUtilizationPercentage or targetMemoryUtilizationPercentage" .) }}
{{- end }}
{{- end }}
{{- end }}

{{/*
An IntOrString value as YAML: a bare integer ("1" -> 1), anything else quoted ("50%").
*/}}
{{- define "eurzad.intOrString" -}}
{{- if regexMatch "^[0-9]+$" . }}{{ . }}{{ else }}{{ . | quote }}{{ end }}
{{- end }}

{{/*
Egress rules of the NetworkPolicies (networkPolicy.egress).
*/}}
{{- define "eurzad.networkPolicyEgress" -}}
{{- if .allowDns }}
- ports:
    - port: 53
      protocol: UDP
    - port: 53
      protocol: TCP
{{- end }}
{{- with .rules }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
nginx.conf of the web pods' file server (privateFiles.delivery x-accel). Every request goes
on to gunicorn in the same pod; a private file the download view has authorised comes back
as an X-Accel-Redirect to the internal location, which nginx sends from the private volume.
Relative paths are under the prefix nginx is started with (-p /tmp/): the root filesystem
is read-only.
*/}}
{{- define "eurzad.fileServerConfig" -}}
{{- $server := .Values.privateFiles.fileServer -}}
{{- $prefix := printf "/%s/" (trimAll "/" .Values.privateFiles.accelPrefix) -}}
# Rendered by the eurzad chart (privateFiles.fileServer); see docs/operators/private-files.md.
worker_processes {{ int $server.workerProcesses }};
daemon off;
pid nginx.pid;
error_log stderr warn;

events {
    worker_connections 1024;
}

http {
    # The platform writes one request line per request (eurzad.requests), the
    # authorised downloads included.
    access_log off;
    server_tokens off;
    sendfile on;
    tcp_nopush on;
    default_type application/octet-stream;
    client_body_temp_path nginx-client-body;
    proxy_temp_path nginx-proxy;
    fastcgi_temp_path nginx-fastcgi;
    uwsgi_temp_path nginx-uwsgi;
    scgi_temp_path nginx-scgi;
    # The ingress's limit (ingress.proxyBodySize); 0: the ingress alone limits uploads.
    client_max_body_size {{ .Values.ingress.proxyBodySize | default "0" }};
    # The ingress controller has buffered the upload already.
    proxy_request_buffering off;
    proxy_buffer_size 16k;
    proxy_buffers 8 16k;

    upstream gunicorn {
        server 127.0.0.1:{{ int .Values.web.containerPort }};
    }

    server {
        {{- range $server.addresses }}
        listen {{ . }}:{{ int $server.port }} default_server;
        {{- end }}

        location / {
            proxy_pass http://gunicorn;
            proxy_http_version 1.1;
            proxy_redirect off;
            # The town is chosen by the Host header: pass it exactly as it came.
            proxy_set_header Host $http_host;
            # As the ingress sent them: the app tells HTTPS by X-Forwarded-Proto. Its client
            # address is the TCP peer (REMOTE_ADDR), which is 127.0.0.1 from here.
            proxy_set_header X-Forwarded-For $http_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $http_x_forwarded_proto;
        }

        # Every request reaches gunicorn from 127.0.0.1: /metrics is scraped on gunicorn's
        # own port, never through here.
        location = /metrics {
            return 404;
        }

        location = /_fileserver/healthz {
            default_type text/plain;
            return 200 "ok\n";
        }

        # Only an X-Accel-Redirect of the download view reaches this; a request from outside
        # gets 404. nginx keeps the app's Content-Type, Content-Disposition and
        # Cache-Control but drops its other headers, hence these.
        location ^~ {{ $prefix }} {
            internal;
            alias {{ trimSuffix "/" .Values.config.privateRoot }}/;
            add_header X-Content-Type-Options nosniff always;
            add_header Content-Security-Policy {{ $server.contentSecurityPolicy | quote }} always;
        }
    }
}
{{- end }}
