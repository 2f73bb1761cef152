{{/* Whether the scheduled backup includes InfluxDB: the chart's own, or an external 2.x when asked. */}}
{{- define "ch.backupInfluxdb" -}}
{{- or .Values.influxdb.enabled .Values.backup.externalInfluxdb -}}
{{- end -}}

{{/* What the backup pods connect to, as services' connects entries (JSON list, for the NetworkPolicy). */}}
{{- define "ch.backupConnects" -}}
{{- $connects := list "mariadb/mysql" -}}
{{- if eq (include "ch.backupInfluxdb" .) "true" }}{{ $connects = append $connects "influxdb/http" }}{{ end -}}
{{- toJson $connects -}}
{{- end -}}

{{- define "ch.backupClaim" -}}
{{- default (include "ch.name" (dict "root" . "component" "backup")) .Values.backup.persistence.existingClaim -}}
{{- end -}}

{{- define "ch.backupEnv" -}}
- {name: BACKUP_ROOT, value: /backups}
- {name: WORK, value: /work}
- {name: HOME, value: /tmp}
{{- end -}}

{{- define "ch.backupMounts" -}}
- {name: backups, mountPath: /backups}
- {name: scripts, mountPath: /scripts, readOnly: true}
- {name: work, mountPath: /work}
- {name: tmp, mountPath: /tmp}
{{- end -}}
