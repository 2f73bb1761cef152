import type { Group } from './types.js';

/** Group name → the permissions ticked in the matrix. */
export type Matrix = Map<string, Set<string>>;

export function matrixOf(groups: Group[]): Matrix {
  return new Map(groups.map((group) => [group.name, new Set(group.permissions ?? [])]));
}

export function toggled(matrix: Matrix, group: string, permission: string, on: boolean): Matrix {
  const next = new Map([...matrix].map(([name, set]) => [name, new Set(set)]));
  const set = next.get(group) ?? new Set<string>();
  if (on) {
    set.add(permission);
  } else {
    set.delete(permission);
  }
  next.set(group, set);
  return next;
}

/** The SetGroupPermissions calls that turn `saved` into `edited`: one per changed group, its permissions sorted. */
export function permissionChanges(saved: Matrix, edited: Matrix): { name: string; permissions: string[] }[] {
  const changes: { name: string; permissions: string[] }[] = [];
  for (const [name, permissions] of edited) {
    const before = saved.get(name) ?? new Set<string>();
    const same = before.size === permissions.size && [...permissions].every((p) => before.has(p));
    if (!same) {
      changes.push({ name, permissions: [...permissions].sort() });
    }
  }
  return changes;
}
