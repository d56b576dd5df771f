import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

// ─── Masking (PIPL minimum-necessary: shown whole only to roles that need it) ──

/** 张三 → 张*, 欧阳娜娜 → 欧***: the family name stays so a record can still be recognised. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return '*';
  return chars[0] + '*'.repeat(chars.length - 1);
}

/** 13812341234 → 138****1234; shorter numbers keep only their last four. */
export function maskPhone(phone: string): string {
  if (phone.length === 11) return `${phone.slice(0, 3)}****${phone.slice(7)}`;
  if (phone.length <= 4) return '*'.repeat(phone.length);
  return '*'.repeat(phone.length - 4) + phone.slice(-4);
}

/** 52020119900307123X → 520201**********3X: region kept, birth date and sequence hidden. */
export function maskResidentId(id: string): string {
  if (id.length !== 18) return '*'.repeat(id.length);
  return `${id.slice(0, 6)}${'*'.repeat(10)}${id.slice(16)}`;
}

/** An address keeps its first six characters (district and street); the rest is hidden. */
export function maskAddress(address: string): string {
  const chars = [...address];
  if (chars.length <= 6) return chars.map((c, i) => (i < 2 ? c : '*')).join('');
  return chars.slice(0, 6).join('') + '*'.repeat(Math.min(chars.length - 6, 8));
}

// ─── Resident ID numbers (GB 11643) ────────────────────────────────────────────

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** The ISO 7064 MOD 11-2 check character of the first 17 digits. */
export function residentIdCheckCharacter(first17: string): string {
  const sum = [...first17].reduce((acc, ch, i) => acc + Number(ch) * ID_WEIGHTS[i]!, 0);
  return ID_CHECK[sum % 11]!;
}

/**
 * Why a resident ID number (身份证号) is not valid, or undefined when it is: 18 characters, the first
 * 17 digits, a real birth date not in the future, and the MOD 11-2 check character.
 */
export function residentIdProblem(value: string, today: Date = new Date()): string | undefined {
  const id = value.toUpperCase();
  if (id.length !== 18) return 'a resident ID number has 18 characters';
  if (!/^\d{17}[\dX]$/.test(id)) return 'a resident ID number is 17 digits and a check digit or X';
  const [y, m, d] = [Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14))];
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (birth.getUTCFullYear() !== y || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d || y < 1900 || birth > today) {
    return 'the birth date in the resident ID number is not a real date';
  }
  if (residentIdCheckCharacter(id.slice(0, 17)) !== id[17]) return 'the check character of the resident ID number is wrong';
  return undefined;
}

// ─── Encryption at rest ───────────────────────────────────────────────────────

function keyBytes(key: string): Buffer {
  const bytes = /^[0-9a-f]{64}$/i.test(key) ? Buffer.from(key, 'hex') : Buffer.from(key, 'base64');
  if (bytes.length !== 32) throw new Error('PII_ENCRYPTION_KEY must be 32 bytes (64 hex characters or base64)');
  return bytes;
}

/**
 * AES-256-GCM with a fresh 12-byte nonce; stored as `v1:<nonce>:<tag>:<ciphertext>` (base64) so the
 * key can be rotated later by version.
 */
export function encryptPersonal(plain: string, key: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyBytes(key), nonce);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', nonce.toString('base64'), cipher.getAuthTag().toString('base64'), data.toString('base64')].join(':');
}

export function decryptPersonal(stored: string, key: string): string {
  const [version, nonce, tag, data] = stored.split(':');
  if (version !== 'v1' || !nonce || !tag || data === undefined) throw new Error('Unknown encrypted value format');
  const decipher = createDecipheriv('aes-256-gcm', keyBytes(key), Buffer.from(nonce, 'base64'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
}

/** Keyed hash (HMAC-SHA256) for exact look-up of an encrypted identifier without decrypting. */
export function lookupHash(value: string, key: string): string {
  return createHmac('sha256', key).update(value.toUpperCase()).digest('hex');
}
