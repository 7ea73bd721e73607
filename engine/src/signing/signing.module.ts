import { Module } from '@nestjs/common';
import { join } from 'node:path';
import { APP_CONFIG, type AppConfig } from '../config/environment.js';
import { CredentialStore } from './credentials.js';
import { DevelopmentCertificateAuthority } from './development-ca.js';
import { PdfSigner } from './pdf-signer.js';
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

@Module({
  providers: [
    { provide: CredentialStore, inject: [APP_CONFIG], useFactory: openCredentialStore },
    { provide: TrustStore, inject: [CredentialStore, APP_CONFIG], useFactory: (store: CredentialStore, config: AppConfig) => TrustStore.load(store, config.PKI_TRUSTED_ROOTS) },
    { provide: PdfSigner, inject: [CredentialStore], useFactory: (store: CredentialStore) => new PdfSigner(store) },
  ],
  exports: [PdfSigner, TrustStore, CredentialStore],
})
export class SigningModule {}
