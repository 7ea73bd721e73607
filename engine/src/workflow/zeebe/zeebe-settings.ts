import type { AppConfig } from '../../config/environment.js';

/**
 * What the Camunda 8 SDK needs to reach a cluster, under the names the SDK itself reads
 * (`Camunda8ClientConfiguration`), so that a Camunda operator recognises every setting.
 */
export interface ZeebeSettings {
  ZEEBE_REST_ADDRESS: string;
  CAMUNDA_AUTH_STRATEGY: 'NONE' | 'OAUTH' | 'BASIC';
  CAMUNDA_OAUTH_URL?: string;
  ZEEBE_CLIENT_ID?: string;
  ZEEBE_CLIENT_SECRET?: string;
  ZEEBE_TOKEN_AUDIENCE?: string;
  CAMUNDA_TOKEN_SCOPE?: string;
  CAMUNDA_BASIC_AUTH_USERNAME?: string;
  CAMUNDA_BASIC_AUTH_PASSWORD?: string;
  CAMUNDA_TENANT_ID?: string;
}

/** The cluster settings of a validated configuration (WORKFLOW_ENGINE=zeebe guarantees the address). */
export function zeebeSettingsFrom(config: AppConfig): ZeebeSettings {
  if (!config.ZEEBE_REST_ADDRESS) throw new Error('ZEEBE_REST_ADDRESS is required when WORKFLOW_ENGINE=zeebe');
  const settings: ZeebeSettings = {
    ZEEBE_REST_ADDRESS: config.ZEEBE_REST_ADDRESS,
    CAMUNDA_AUTH_STRATEGY: config.CAMUNDA_AUTH_STRATEGY,
    CAMUNDA_OAUTH_URL: config.CAMUNDA_OAUTH_URL,
    ZEEBE_CLIENT_ID: config.ZEEBE_CLIENT_ID,
    ZEEBE_CLIENT_SECRET: config.ZEEBE_CLIENT_SECRET,
    ZEEBE_TOKEN_AUDIENCE: config.ZEEBE_TOKEN_AUDIENCE,
    CAMUNDA_TOKEN_SCOPE: config.CAMUNDA_TOKEN_SCOPE,
    CAMUNDA_BASIC_AUTH_USERNAME: config.CAMUNDA_BASIC_AUTH_USERNAME,
    CAMUNDA_BASIC_AUTH_PASSWORD: config.CAMUNDA_BASIC_AUTH_PASSWORD,
    CAMUNDA_TENANT_ID: config.CAMUNDA_TENANT_ID,
  };
  // Unset keys must stay absent: the SDK would otherwise treat `undefined` as an explicit override.
  return Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined)) as unknown as ZeebeSettings;
}
