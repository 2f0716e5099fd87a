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
Name of the media PersistentVolumeClaim.
*/}}
{{- define "eurzad.mediaClaimName" -}}
{{- default (include "eurzad.componentName" (dict "ctx" . "component" "media")) .Values.persistence.media.existingClaim }}
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
{{- $_ := set $data "DEFAULT_FROM_EMAIL" (.Values.config.defaultFromEmail | default (printf "eurzad <no-reply@%s>" .Values.platformDomain)) }}
{{- $_ := set $data "WAGTAILADMIN_BASE_URL" (.Values.config.wagtailadminBaseUrl | default (printf "https://%s" .Values.platformDomain)) }}
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
{{- with .ctx.Values.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- with .values.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
Volume mounts of every container: /tmp, the media volume (when asked), extra mounts.
Usage: include "eurzad.volumeMounts" (dict "ctx" $ "media" true)
*/}}
{{- define "eurzad.volumeMounts" -}}
- name: tmp
  mountPath: /tmp
{{- if .media }}
- name: media
  mountPath: {{ .ctx.Values.config.mediaRoot }}
{{- end }}
{{- with .ctx.Values.extraVolumeMounts }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
Volumes of every pod: /tmp, the media volume (when asked), extra volumes.
Usage: include "eurzad.volumes" (dict "ctx" $ "media" true)
*/}}
{{- define "eurzad.volumes" -}}
- name: tmp
  emptyDir:
    {{- with .ctx.Values.tmpVolume.medium }}
    medium: {{ . }}
    {{- end }}
    {{- with .ctx.Values.tmpVolume.sizeLimit }}
    sizeLimit: {{ . }}
    {{- end }}
{{- if .media }}
- name: media
  {{- if .ctx.Values.persistence.media.enabled }}
  persistentVolumeClaim:
    claimName: {{ include "eurzad.mediaClaimName" .ctx }}
  {{- else }}
  emptyDir: {}
  {{- end }}
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
{{- if and .Values.redis.sentinel.enabled (not .Values.redis.sentinel.hosts) }}
{{- fail "redis.sentinel.enabled needs redis.sentinel.hosts (host:port of each Sentinel)" }}
{{- end }}
{{- range .Values.ingress.customDomains }}
{{- if not (include "eurzad.customDomainHost" .) }}
{{- fail "every ingress.customDomains item needs a host" }}
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
