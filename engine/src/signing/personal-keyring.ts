import { generateKeyPair } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { SigningCredentials } from './credentials.js';
import type { DevelopmentCertificateAuthority } from './development-ca.js';
import { NewPinTooShort, NoPersonalKey, PersonalSigner, WrongSigningPin, type Signatory } from './personal-signer.js';
import { Pkcs12PasswordError, readPkcs12, writePkcs12 } from './pkcs12-file.js';

const generateRsa = promisify(generateKeyPair);

/** node-forge's PKCS#12 MAC and PBES2 take any string; a PIN shorter than this is refused when set. */
export const MIN_PIN_LENGTH = 6;

/**
 * One PKCS#12 file per person, `<directory>/<username>.p12`, encrypted with her PIN: the file is
 * opened at each signature with the PIN she enters and the key is dropped afterwards. With a
 * development CA, a person without a file gets one on her first signature, protected by the PIN
 * she enters then; without one (production), the files come from the certification provider.
 */
export class Pkcs12Keyring extends PersonalSigner {
  /** Issuances in progress, so that two first signatures of one person make one key. */
  private readonly issuing = new Map<string, Promise<void>>();

  constructor(
    private readonly directory: string,
    private readonly developmentCa?: DevelopmentCertificateAuthority,
  ) {
    super();
  }

  async unlock(person: Signatory, pin: string): Promise<SigningCredentials> {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(person.username)) throw new NoPersonalKey(`Invalid username: ${JSON.stringify(person.username)}`);
    const file = join(this.directory, `${person.username}.p12`);
    if (!existsSync(file)) {
      if (!this.developmentCa) throw new NoPersonalKey(`No signing key for ${person.username}: expected ${file}`);
      await this.issueOnce(person, pin, file);
    }
    try {
      return readPkcs12(await readFile(file), pin, file);
    } catch (error) {
      if (error instanceof Pkcs12PasswordError) throw new WrongSigningPin(`The PIN does not open ${person.username}'s key`);
      throw error;
    }
  }

  private issueOnce(person: Signatory, pin: string, file: string): Promise<void> {
    let pending = this.issuing.get(person.username);
    if (!pending) {
      pending = this.issue(person, pin, file).finally(() => this.issuing.delete(person.username));
      this.issuing.set(person.username, pending);
    }
    return pending;
  }

  private async issue(person: Signatory, pin: string, file: string): Promise<void> {
    if (pin.length < MIN_PIN_LENGTH) throw new NewPinTooShort(`A new PIN needs at least ${MIN_PIN_LENGTH} characters`);
    const pair = await generateRsa('rsa', { modulusLength: 2048 });
    const publicKeyPem = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const { certificate, chain } = await this.developmentCa!.issuePersonCertificate(person, publicKeyPem);
    await mkdir(this.directory, { recursive: true, mode: 0o700 });
    // Written whole then renamed: a crash leaves no half file that would refuse every PIN.
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, writePkcs12(pair.privateKey, [certificate, ...chain], pin), { mode: 0o600 });
    await rename(temporary, file);
  }
}
