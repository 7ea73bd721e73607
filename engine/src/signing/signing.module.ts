import { Module } from '@nestjs/common';
import { join } from 'node:path';
import { APP_CONFIG, type AppConfig } from '../config/environment.js';
import { CredentialStore } from './credentials.js';
import { DevelopmentCertificateAuthority } from './development-ca.js';
import { PdfSigner } from './pdf-signer.js';
import { Pkcs12Keyring } from './personal-keyring.js';
import { PersonalSigner } from './personal-signer.js';
import { Pkcs12Directory } from './pkcs12-directory.js';
import { TrustStore } from './trust-store.js';

/** Production keys from PKI_DIR (required in production); otherwise the development CA under DATA_DIR/pki. */
export async function openCredentialStore(config: AppConfig): Promise<CredentialStore> {
  if (config.PKI_DIR) {
    const store = new Pkcs12Directory(config.PKI_DIR, config.PKI_P12_PASSWORD ?? '');
    await store.start();
    return store;
  }
  const store = new DevelopmentCertificateAuthority(join(config.DATA_DIR, 'pki'));
  await store.start();
  return store;
}

/**
 * People's own keys: PKI_DIR/people/<username>.p12 in production; with the development CA, under
 * DATA_DIR/pki/people, issued on a person's first signature.
 */
export function openPersonalSigner(store: CredentialStore, config: AppConfig): PersonalSigner {
  if (store instanceof DevelopmentCertificateAuthority) return new Pkcs12Keyring(join(config.DATA_DIR, 'pki', 'people'), store);
  return new Pkcs12Keyring(join(config.PKI_DIR ?? config.DATA_DIR, 'people'));
}

@Module({
  providers: [
    { provide: CredentialStore, inject: [APP_CONFIG], useFactory: openCredentialStore },
    { provide: TrustStore, inject: [CredentialStore, APP_CONFIG], useFactory: (store: CredentialStore, config: AppConfig) => TrustStore.load(store, config.PKI_TRUSTED_ROOTS) },
    { provide: PdfSigner, inject: [CredentialStore], useFactory: (store: CredentialStore) => new PdfSigner(store) },
    { provide: PersonalSigner, inject: [CredentialStore, APP_CONFIG], useFactory: openPersonalSigner },
  ],
  exports: [PdfSigner, TrustStore, CredentialStore, PersonalSigner],
})
export class SigningModule {}
