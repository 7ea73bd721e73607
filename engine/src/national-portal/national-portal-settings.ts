import type { AppConfig } from '../config/environment.js';
import type { PortalEndpoint } from './http-national-portal.js';

export const NATIONAL_PORTAL_SETTINGS = Symbol('NATIONAL_PORTAL_SETTINGS');

export interface NationalPortalSettings {
  /** Where and as whom to call the portal; undefined: nothing is synced. */
  endpoint?: PortalEndpoint;
  /** The secret the portal presents when it delivers a dossier; undefined: inbound closed. */
  inboundSecret?: string;
  /** Sync every dossier, not only those filed on the portal. */
  syncAll: boolean;
  retryMaxSeconds: number;
}

export function loadNationalPortalSettings(config: AppConfig): NationalPortalSettings {
  const endpoint: PortalEndpoint | undefined = config.NATIONAL_PORTAL_AUTH_URL
    ? {
        authUrl: config.NATIONAL_PORTAL_AUTH_URL,
        serviceUrl: config.NATIONAL_PORTAL_SERVICE_URL!,
        username: config.NATIONAL_PORTAL_USERNAME!,
        password: config.NATIONAL_PORTAL_PASSWORD!,
        agencyId: config.NATIONAL_PORTAL_AGENCY_ID!,
      }
    : undefined;
  return {
    endpoint,
    inboundSecret: config.NATIONAL_PORTAL_INBOUND_SECRET,
    syncAll: config.NATIONAL_PORTAL_SYNC === 'all',
    retryMaxSeconds: config.NATIONAL_PORTAL_RETRY_MAX_SECONDS,
  };
}
