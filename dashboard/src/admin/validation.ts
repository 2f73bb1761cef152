/** Hints before sending, mirroring auth.proto's rules; the server's answer is still the last word. */

export function usernameHint(username: string): string | null {
  return /^[a-z0-9][a-z0-9._-]{2,31}$/.test(username)
    ? null
    : 'Use 3 to 32 characters: lowercase letters, digits, ".", "_" or "-", starting with a letter or digit.';
}

export function passwordHint(password: string): string | null {
  if (password.length < 10) {
    return 'Use at least 10 characters.';
  }
  if (new TextEncoder().encode(password).length > 72) {
    return 'Use at most 72 bytes (fewer characters when they are not plain ASCII).';
  }
  return null;
}

export function deviceIdHint(deviceId: string): string | null {
  return /^[a-z0-9][a-z0-9_-]{0,63}$/.test(deviceId)
    ? null
    : 'Use 1 to 64 characters: lowercase letters, digits, "_" or "-", starting with a letter or digit.';
}

export function groupNameHint(name: string): string | null {
  return name.trim() === '' ? 'Give the group a name.' : null;
}
