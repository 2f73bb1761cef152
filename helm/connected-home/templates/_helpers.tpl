{{/* Name of a component's objects: <release>-<component>, e.g. home-auth-service. */}}
{{- define "ch.name" -}}
{{- printf "%s-%s" .root.Release.Name .component | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "ch.selectorLabels" -}}
app.kubernetes.io/name: {{ .component }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{- define "ch.labels" -}}
{{ include "ch.selectorLabels" . }}
app.kubernetes.io/part-of: connected-home
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end -}}

{{/* Image of a service module: <registry>/<repository>/<module>:<tag>. */}}
{{- define "ch.image" -}}
{{- $img := .root.Values.image -}}
{{- $repo := printf "%s/%s" $img.repository .component -}}
{{- if $img.registry }}{{ $repo = printf "%s/%s" $img.registry $repo }}{{ end -}}
{{- printf "%s:%s" $repo (default .root.Chart.AppVersion $img.tag) -}}
{{- end -}}

{{- define "ch.secretName" -}}
{{- default (printf "%s-secrets" .Release.Name) .Values.secrets.existingSecret -}}
{{- end -}}

{{/* Where a datastore is, whether the chart runs it or an external one is used. */}}
{{- define "ch.mariadbUrl" -}}
{{- if .Values.mariadb.enabled -}}
jdbc:mariadb://{{ include "ch.name" (dict "root" . "component" "mariadb") }}:{{ .Values.mariadb.port }}/{{ .Values.mariadb.database }}
{{- else -}}
{{ required "externalDatabase.url is required when mariadb.enabled is false" .Values.externalDatabase.url }}
{{- end -}}
{{- end -}}

{{- define "ch.mqttUrl" -}}
{{- if .Values.mosquitto.enabled -}}
tcp://{{ include "ch.name" (dict "root" . "component" "mosquitto") }}:{{ .Values.mosquitto.port }}
{{- else -}}
{{ required "externalMqtt.url is required when mosquitto.enabled is false" .Values.externalMqtt.url }}
{{- end -}}
{{- end -}}

{{- define "ch.influxUrl" -}}
{{- if .Values.influxdb.enabled -}}
http://{{ include "ch.name" (dict "root" . "component" "influxdb") }}:{{ .Values.influxdb.port }}
{{- else -}}
{{ required "externalInfluxdb.url is required when influxdb.enabled is false" .Values.externalInfluxdb.url }}
{{- end -}}
{{- end -}}

{{/* Where people open the dashboard: publicUrl, else the Ingress, else a port-forward. */}}
{{- define "ch.publicUrl" -}}
{{- if .Values.publicUrl -}}
{{ .Values.publicUrl | trimSuffix "/" }}
{{- else if .Values.ingress.enabled -}}
{{ ternary "https" "http" (not (empty .Values.ingress.tls)) }}://{{ .Values.ingress.host }}
{{- else -}}
http://127.0.0.1:{{ (index .Values.services "gateway-service").ports.http }}
{{- end -}}
{{- end -}}

{{/*
The non-secret connection settings a service gets from what it connects to (values
services.<module>.connects), as KEY: "value" lines for its ConfigMap.
*/}}
{{- define "ch.connectionConfig" -}}
{{- $root := .root -}}
{{- range .svc.connects }}
{{- $target := splitList "/" . }}
{{- $component := index $target 0 }}
{{- $port := index $target 1 }}
{{- if eq $component "mariadb" }}
CH_MARIADB_URL: {{ include "ch.mariadbUrl" $root | quote }}
CH_MARIADB_USER: {{ ternary $root.Values.mariadb.username $root.Values.externalDatabase.username $root.Values.mariadb.enabled | quote }}
{{- else if eq $component "mosquitto" }}
CH_MQTT_URL: {{ include "ch.mqttUrl" $root | quote }}
CH_MQTT_ADMIN_USER: {{ ternary $root.Values.mosquitto.adminUsername $root.Values.externalMqtt.adminUsername $root.Values.mosquitto.enabled | quote }}
{{- else if eq $component "influxdb" }}
CH_INFLUX_URL: {{ include "ch.influxUrl" $root | quote }}
CH_INFLUX_ORG: {{ ternary $root.Values.influxdb.org $root.Values.externalInfluxdb.org $root.Values.influxdb.enabled | quote }}
CH_INFLUX_BUCKET: {{ ternary $root.Values.influxdb.bucket $root.Values.externalInfluxdb.bucket $root.Values.influxdb.enabled | quote }}
{{- else }}
{{- $peer := index $root.Values.services $component }}
{{- $host := include "ch.name" (dict "root" $root "component" $component) }}
{{- $feature := $component | trimSuffix "-service" | upper }}
{{- if eq $port "grpc" }}
CH_{{ $feature }}_GRPC_TARGET: {{ printf "%s:%v" $host $peer.ports.grpc | quote }}
{{- else if and (eq $component "auth-service") (eq $port "http") }}
CH_AUTH_HTTP_URL: {{ printf "http://%s:%v" $host $peer.ports.http | quote }}
CH_AUTH_JWKS_URL: {{ printf "http://%s:%v/.well-known/jwks.json" $host $peer.ports.http | quote }}
{{- end }}
{{- end }}
{{- end }}
{{- end -}}

{{/* The secret settings a service gets, as env entries referring to the Secret. */}}
{{- define "ch.secretEnv" -}}
{{- $root := .root -}}
{{- $secrets := dict -}}
{{- range .svc.connects }}
{{- $component := index (splitList "/" .) 0 }}
{{- if eq $component "mariadb" }}{{ $_ := set $secrets "CH_MARIADB_PASSWORD" "mariadb-password" }}{{ end }}
{{- if eq $component "mosquitto" }}{{ $_ := set $secrets "CH_MQTT_ADMIN_PASSWORD" "mqtt-admin-password" }}{{ end }}
{{- if eq $component "influxdb" }}{{ $_ := set $secrets "CH_INFLUX_TOKEN" "influxdb-token" }}{{ end }}
{{- end }}
{{- range $name, $key := .svc.secretEnv }}{{ $_ := set $secrets $name $key }}{{ end }}
{{- range $name, $key := $secrets }}
- name: {{ $name }}
  valueFrom:
    secretKeyRef:
      name: {{ include "ch.secretName" $root }}
      key: {{ $key }}
{{- end }}
{{- end -}}

{{/*
A NetworkPolicy peer/port for one "component/port" entry of connects: the component's pods
when the chart runs it, the external CIDRs when it is an external datastore.
*/}}
{{- define "ch.targetPort" -}}
{{- $root := .root -}}
{{- $parts := splitList "/" .target -}}
{{- $component := index $parts 0 -}}
{{- $portName := index $parts 1 -}}
{{- if eq $component "mariadb" -}}{{ ternary $root.Values.mariadb.port $root.Values.externalDatabase.port $root.Values.mariadb.enabled }}
{{- else if eq $component "mosquitto" -}}{{ ternary $root.Values.mosquitto.port $root.Values.externalMqtt.port $root.Values.mosquitto.enabled }}
{{- else if eq $component "influxdb" -}}{{ ternary $root.Values.influxdb.port $root.Values.externalInfluxdb.port $root.Values.influxdb.enabled }}
{{- else -}}{{ index (index $root.Values.services $component).ports $portName }}
{{- end -}}
{{- end -}}

{{/* Whether a component runs in this release (a service or a datastore). */}}
{{- define "ch.runs" -}}
{{- $root := .root -}}
{{- if hasKey $root.Values.services .component -}}
{{- (index $root.Values.services .component).enabled -}}
{{- else -}}
{{- (index $root.Values .component).enabled -}}
{{- end -}}
{{- end -}}

{{- define "ch.restrictedContainer" -}}
securityContext:
  {{- toYaml .Values.containerSecurityContext | nindent 2 }}
{{- end -}}
