/** auth.proto's admin messages as the gateway answers them in proto JSON. */
export interface AdminUser {
  username: string;
  displayName?: string;
  enabled?: boolean;
  groups?: string[];
  permissions?: string[];
  createdAt?: string;
}

export interface Group {
  name: string;
  permissions?: string[];
  members?: string[];
  builtIn?: boolean;
}

export interface Permission {
  name: string;
  description?: string;
}

export interface Invite {
  code: string;
  groups?: string[];
  expiresAt?: string;
}

export interface Device {
  deviceId: string;
  displayName?: string;
  location?: string;
  enabled?: boolean;
  online?: boolean;
  lastSeen?: string;
  createdAt?: string;
}

export interface DeviceCredentials {
  device?: Device;
  mqttUsername: string;
  mqttPassword: string;
  topicPrefix?: string;
}

export interface AuditEvent {
  id: string;
  at?: string;
  actor?: string;
  action?: string;
  target?: string;
  clientAddress?: string;
  detail?: string;
}
