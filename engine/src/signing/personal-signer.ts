import type { SigningCredentials } from './credentials.js';

/** A person who signs in her own name: her login and her full name as her certificate gives it. */
export interface Signatory {
  readonly username: string;
  readonly fullName: string;
}

/** The PIN does not unlock the person's key; nothing was signed. */
export class WrongSigningPin extends Error {}

/** A first PIN, which will protect a newly issued key, is too short. */
export class NewPinTooShort extends Error {}

/** The person has no signing key and none can be issued here. */
export class NoPersonalKey extends Error {}

/**
 * The port through which a person's own key signs (a leader approving a result): unlocked with
 * the PIN she enters at that moment, never kept. Adapters: a PKCS#12 file per person
 * (personal-keyring.ts); a remote signing service is the next one (decision 0019).
 */
export abstract class PersonalSigner {
  /** Her credentials, unlocked by `pin`; throws WrongSigningPin or NoPersonalKey. */
  abstract unlock(person: Signatory, pin: string): Promise<SigningCredentials>;
}
