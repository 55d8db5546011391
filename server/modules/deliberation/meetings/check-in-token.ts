import crypto from 'node:crypto';

/**
 * Check-in codes (签到二维码): `<meetingId>.<expires, unix seconds>.<HMAC-SHA-256>` signed with the
 * meeting's own secret, so a code works for one meeting only and stops working when it expires.
 * The QR code shows the URL that carries it; the web page posts the token back to check in.
 */
export function newCheckInSecret(): string {
  return crypto.randomBytes(32).toString('base64url');
}

function signature(secret: string, meetingId: number, expires: number): string {
  return crypto.createHmac('sha256', secret).update(`gongzhi/check-in/${meetingId}.${expires}`).digest('base64url');
}

export function signCheckInToken(secret: string, meetingId: number, expiresAt: Date): string {
  const expires = Math.floor(expiresAt.getTime() / 1000);
  return `${meetingId}.${expires}.${signature(secret, meetingId, expires)}`;
}

export function checkInUrl(token: string): string {
  return `/deliberation/check-in?token=${token}`;
}

export interface ParsedToken {
  meetingId: number;
  expiresAt: Date;
  signature: string;
}

/** The parts of a well-formed token, or null. Says nothing about whether it is genuine. */
export function parseCheckInToken(token: string): ParsedToken | null {
  const m = /^(\d{1,15})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return null;
  return { meetingId: Number(m[1]), expiresAt: new Date(Number(m[2]) * 1000), signature: m[3]! };
}

export function isGenuine(secret: string, token: ParsedToken): boolean {
  const expected = Buffer.from(signature(secret, token.meetingId, Math.floor(token.expiresAt.getTime() / 1000)));
  const given = Buffer.from(token.signature);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}
