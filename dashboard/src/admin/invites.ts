/** The link a new user opens to register with an invite code. */
export function inviteLink(origin: string, code: string): string {
  return `${origin.replace(/\/+$/, '')}/register?code=${encodeURIComponent(code)}`;
}

/** Choices for how long an invite stays valid (CreateInviteRequest.valid_for_seconds: 300 s to 30 days). */
export const INVITE_VALIDITY: { label: string; seconds: number }[] = [
  { label: '1 hour', seconds: 3_600 },
  { label: '1 day', seconds: 86_400 },
  { label: '7 days', seconds: 7 * 86_400 },
  { label: '30 days', seconds: 30 * 86_400 },
];
