import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, ValidateIf, validateSync } from 'class-validator';

const toBoolean = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? ['1', 'true', 'yes', 'on'].includes(value.toLowerCase()) : value;

/**
 * Every setting the platform reads from the environment. `.env.example` documents each one;
 * keep the two in step.
 */
export class Environment {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @IsString()
  HOST = '0.0.0.0';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** The address browsers and tokens use to reach this platform (issuer base of the built-in IdP). */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  PUBLIC_URL?: string;

  /** Folder for the embedded database, uploaded files and generated keys. */
  @IsString()
  DATA_DIR = './data';

  /** postgres://… selects a PostgreSQL server; unset means embedded PGlite under DATA_DIR. */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['postgres', 'postgresql'] })
  DATABASE_URL?: string;

  /** Issuer of an external OpenID provider (Keycloak: https://host/realms/<realm>); unset starts the built-in one. */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  OIDC_ISSUER?: string;

  /** Realm name of the built-in provider: its issuer is PUBLIC_URL/realms/<realm>. */
  @IsString()
  OIDC_REALM = 'mot-cua';

  /** Audience the API requires in access tokens. */
  @IsString()
  OIDC_AUDIENCE = 'mot-cua-api';

  /** Token claim that carries the user's agency code (a Keycloak user-attribute mapper in production). */
  @IsString()
  OIDC_AGENCY_CLAIM = 'agency';

  /**
   * Issuer of the VNeID identity provider (OpenID Connect discovery is read from it). Set with
   * VNEID_CLIENT_ID and VNEID_CLIENT_SECRET, the built-in provider's login page offers
   * "Đăng nhập bằng VNeID" and citizens are keyed by their personal identification number
   * (decision 0022). Unset: no VNeID sign-in.
   */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  VNEID_ISSUER?: string;

  /** Client id VNeID registered for this platform. */
  @ValidateIf((env: Environment) => env.VNEID_ISSUER !== undefined)
  @IsString()
  @MinLength(1)
  VNEID_CLIENT_ID?: string;

  /** Client secret of VNEID_CLIENT_ID (HTTP Basic at VNeID's token endpoint). */
  @ValidateIf((env: Environment) => env.VNEID_ISSUER !== undefined)
  @IsString()
  @MinLength(1)
  VNEID_CLIENT_SECRET?: string;

  /** Claim of VNeID's ID token carrying the 12-digit personal identification number. */
  @Matches(/^[\w.:-]+$/, { message: 'must be a claim name' })
  VNEID_ID_CLAIM = 'citizen_id';

  /** Lets tests and local scripts obtain user tokens with a password grant. Never enable in production. */
  @Transform(toBoolean)
  IDP_PASSWORD_GRANT = true;

  /**
   * Reverse proxies whose X-Forwarded-For names the client (rate limits and logs use that address):
   * comma-separated addresses or CIDR ranges, or Express's names loopback, linklocal, uniquelocal.
   * Empty: no proxy is trusted and the client is the connection's peer, so a caller cannot choose
   * its own address with the header.
   */
  @Matches(/^[\w.:/, -]*$/, { message: 'must be addresses or CIDR ranges separated by commas' })
  TRUSTED_PROXIES = '';

  /** Largest accepted upload (dossier attachments), in megabytes. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(1024)
  UPLOAD_MAX_MB = 20;

  /** Loads demo accounts and the sample procedures at start (off by default when NODE_ENV=production). */
  @Transform(toBoolean)
  SEED_DEMO_DATA = true;

  /**
   * With SEED_DEMO_DATA, also submits the demo dossiers and works their steps in the background;
   * off where the dossiers of a period are counted and must be only those made on purpose.
   */
  @Transform(toBoolean)
  SEED_DEMO_DOSSIERS = true;

  /** Office periods of a working day, local time: "HH:MM-HH:MM" separated by commas. */
  @Matches(/^\d{2}:\d{2}-\d{2}:\d{2}(,\s*\d{2}:\d{2}-\d{2}:\d{2})*$/, { message: 'must look like 07:00-11:30,13:30-17:00' })
  CALENDAR_OFFICE_HOURS = '07:00-11:30,13:30-17:00';

  /** Weekly rest days, 0 = Sunday … 6 = Saturday, separated by commas. */
  @Matches(/^[0-6](,[0-6])*$/, { message: 'must be weekday numbers 0-6 separated by commas, e.g. 0,6' })
  CALENDAR_REST_DAYS = '0,6';

  /** Offset of local time from UTC in minutes (Vietnam: 420, no daylight saving). */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(-720)
  @Max(840)
  CALENDAR_UTC_OFFSET_MINUTES = 420;

  /**
   * Working days an agency has to answer a citizen's feedback (phản ánh, kiến nghị), counted on the
   * working calendar from receipt. Decree 20/2008/NĐ-CP as amended sets the time limit; the article
   * and number are to verify (docs/legal-basis.md), hence a setting.
   */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(60)
  FEEDBACK_ANSWER_WORKING_DAYS = 10;

  /** `embedded` runs BPMN in-process on this database; `zeebe` delegates to a Camunda 8 cluster (settings below). */
  @IsIn(['embedded', 'zeebe'])
  WORKFLOW_ENGINE: 'embedded' | 'zeebe' = 'embedded';

  /**
   * Camunda version whose REST API v2 shapes the embedded engine's /v2 answers: 8.8 leaves fields
   * without a value out, 8.9 sends them as null and adds its new fields. Strict validation of
   * @camunda8/sdk 8.8 accepts only the first, @camunda8/orchestration-cluster-api 9.x only the second.
   */
  @IsIn(['8.8', '8.9'])
  REST_V2_API_VERSION: '8.8' | '8.9' = '8.8';

  /** Camunda 8 Orchestration Cluster REST address (e.g. http://zeebe:8080); `/v2` is appended. Required for `zeebe`. */
  @ValidateIf((env: Environment) => env.WORKFLOW_ENGINE === 'zeebe' || env.ZEEBE_REST_ADDRESS !== undefined)
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  ZEEBE_REST_ADDRESS?: string;

  /** How the platform authenticates to the cluster: NONE (unsecured), OAUTH (client credentials) or BASIC. */
  @IsIn(['NONE', 'OAUTH', 'BASIC'])
  CAMUNDA_AUTH_STRATEGY: 'NONE' | 'OAUTH' | 'BASIC' = 'NONE';

  /** Token endpoint of the cluster's identity provider (Keycloak: …/realms/camunda-platform/protocol/openid-connect/token). */
  @ValidateIf((env: Environment) => env.WORKFLOW_ENGINE === 'zeebe' && env.CAMUNDA_AUTH_STRATEGY === 'OAUTH')
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  CAMUNDA_OAUTH_URL?: string;

  /** OAuth client id the platform uses towards the cluster. */
  @ValidateIf((env: Environment) => env.WORKFLOW_ENGINE === 'zeebe' && env.CAMUNDA_AUTH_STRATEGY === 'OAUTH')
  @IsString()
  ZEEBE_CLIENT_ID?: string;

  /** OAuth client secret of ZEEBE_CLIENT_ID. */
  @ValidateIf((env: Environment) => env.WORKFLOW_ENGINE === 'zeebe' && env.CAMUNDA_AUTH_STRATEGY === 'OAUTH')
  @IsString()
  ZEEBE_CLIENT_SECRET?: string;

  /** Audience requested in the OAuth token; the SDK's default (`zeebe-api`) when unset. */
  @IsOptional()
  @IsString()
  ZEEBE_TOKEN_AUDIENCE?: string;

  /** OAuth scope, when the identity provider requires one (Microsoft Entra, some Keycloak setups). */
  @IsOptional()
  @IsString()
  CAMUNDA_TOKEN_SCOPE?: string;

  /** User name for CAMUNDA_AUTH_STRATEGY=BASIC. */
  @ValidateIf((env: Environment) => env.WORKFLOW_ENGINE === 'zeebe' && env.CAMUNDA_AUTH_STRATEGY === 'BASIC')
  @IsString()
  CAMUNDA_BASIC_AUTH_USERNAME?: string;

  /** Password for CAMUNDA_AUTH_STRATEGY=BASIC. */
  @ValidateIf((env: Environment) => env.WORKFLOW_ENGINE === 'zeebe' && env.CAMUNDA_AUTH_STRATEGY === 'BASIC')
  @IsString()
  CAMUNDA_BASIC_AUTH_PASSWORD?: string;

  /** Tenant of every deployment and instance on a multi-tenant cluster; unset on a single-tenant one. */
  @IsOptional()
  @IsString()
  CAMUNDA_TENANT_ID?: string;

  /** Chromium (or chrome-headless-shell) binary that prints documents; unset unpacks the one shipped in @sparticuz/chromium under DATA_DIR/renderer. */
  @IsOptional()
  @IsString()
  CHROMIUM_PATH?: string;

  /** Browser pages printing documents at once; beyond the number of cores more pages gain little. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(16)
  DOCUMENT_RENDER_PAGES = 2;

  /**
   * Folder of the agencies' signing keys: one PKCS#12 file per agency, named `<agency code>.p12`
   * (private key, certificate and its chain), and `people/<username>.p12` for each leader who
   * signs in her own name, encrypted with her signing PIN (decision 0019). Unset: a development CA
   * under DATA_DIR/pki issues agency and leaders' certificates itself; never issue real documents
   * that way.
   */
  @IsOptional()
  @IsString()
  PKI_DIR?: string;

  /** Password of the PKCS#12 files in PKI_DIR (one for all of them); unset means no password. */
  @IsOptional()
  @IsString()
  PKI_P12_PASSWORD?: string;

  /**
   * PEM file with the root certificates that signatures must chain to (for example the root CA of
   * the government's signing service). The development CA is trusted as well when PKI_DIR is unset.
   */
  @IsOptional()
  @IsString()
  PKI_TRUSTED_ROOTS?: string;

  /**
   * Shape of the dossier code issued at submission. Tokens: {agency} (the competent agency's
   * electronic identifier from the agency directory, its code when it has none), {yyyy}, {yy}, {MM},
   * {dd} (the local day of receipt) and {seq:N} (the agency's daily sequence, N digits). The day and the
   * agency must be part of it, since the sequence restarts every day for every agency.
   */
  @Matches(/^(?=.*\{agency\})(?=.*\{(yy|yyyy)\})(?=.*\{MM\})(?=.*\{dd\})(?=.*\{seq(:[1-9])?\})[^{}]*(\{(agency|yyyy|yy|MM|dd|seq(:[1-9])?)\}[^{}]*)+$/, {
    message: 'must contain {agency}, {yy} or {yyyy}, {MM}, {dd} and {seq} or {seq:N}, e.g. {agency}-{yy}{MM}{dd}-{seq:4}',
  })
  DOSSIER_CODE_PATTERN = '{agency}-{yy}{MM}{dd}-{seq:4}';

  /** How often deadlines are checked: steps and dossiers about to be late or late, unanswered consultations. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(5)
  @Max(3600)
  DEADLINE_CHECK_SECONDS = 60;

  /** How often pending process starts are claimed and retried (any replica may run them). */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(3600)
  PROCESS_START_CHECK_SECONDS = 30;

  /** Attempts at starting a dossier's process before it is shown as "start failed" to administrators. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(100)
  PROCESS_START_MAX_ATTEMPTS = 8;

  /** SMTP server for e-mail notifications (smtp://user:pass@host:587 or smtps://…); unset: e-mails are logged, not sent. */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['smtp', 'smtps'] })
  SMTP_URL?: string;

  /** Sender address of notification e-mails. */
  @IsString()
  MAIL_FROM = 'Một cửa <no-reply@mot-cua.local>';

  /** SMS provider: `console` logs messages, `file` appends them to DATA_DIR/sms-outbox.jsonl (for a gateway to pick up). */
  @IsIn(['console', 'file'])
  SMS_PROVIDER: 'console' | 'file' = 'console';

  /**
   * Online fee payment: `sandbox` is the built-in VNPay-style gateway with a test bank page (no real
   * money moves; anyone can "pay"), `national` the national public service portal's payment platform
   * (NATIONAL_PAYMENT_*), `none` turns online payment off. Defaults to `none` in production.
   */
  @IsIn(['sandbox', 'national', 'none'])
  PAYMENT_PROVIDER: 'sandbox' | 'national' | 'none' = 'sandbox';

  /** Merchant code the gateway issued to the centre (vnp_TmnCode). */
  @Matches(/^[A-Z0-9]{4,16}$/, { message: 'must be 4-16 upper-case letters or digits' })
  PAYMENT_MERCHANT_CODE = 'MOTCUA01';

  /**
   * Shared secret of the HMAC-SHA512 signature of payment requests and callbacks (vnp_HashSecret),
   * at least 32 characters. Required in production when a provider is set; elsewhere a fixed
   * development secret is used.
   */
  @ValidateIf((env: Environment) => env.PAYMENT_HASH_SECRET !== undefined)
  @IsString()
  @MinLength(32)
  PAYMENT_HASH_SECRET?: string;

  /** Address of the national payment platform's service that opens a payment; required with PAYMENT_PROVIDER=national. */
  @ValidateIf((env: Environment) => env.PAYMENT_PROVIDER === 'national')
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  NATIONAL_PAYMENT_URL?: string;

  /** The province's partner code at the national payment platform (MaDoiTac). */
  @ValidateIf((env: Environment) => env.PAYMENT_PROVIDER === 'national')
  @IsString()
  @MinLength(1)
  NATIONAL_PAYMENT_PARTNER_CODE?: string;

  /** The collecting agency the platform prints on its receipt (MaDonVi, TenDonVi). */
  @ValidateIf((env: Environment) => env.PAYMENT_PROVIDER === 'national')
  @IsString()
  @MinLength(1)
  NATIONAL_PAYMENT_AGENCY_CODE?: string;

  @IsOptional()
  @IsString()
  NATIONAL_PAYMENT_AGENCY_NAME?: string;

  /** Minutes a payment link stays valid (vnp_ExpireDate). */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(5)
  @Max(1440)
  PAYMENT_EXPIRE_MINUTES = 15;

  /** Id of this platform instance towards other instances (the `iss` of its messages); default PUBLIC_URL. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  FEDERATION_INSTANCE_ID?: string;

  /**
   * Private key (JWK: Ed25519 or P-256) that signs messages to other instances, inline JSON or the
   * path of a JSON file. Unset: generated on first start under DATA_DIR/federation-key.json. The
   * public half is served at /.well-known/mot-cua-federation.
   */
  @IsOptional()
  @IsString()
  FEDERATION_SIGNING_KEY?: string;

  /**
   * Other platform instances (another province, the tax authority's system): a JSON array, inline
   * or the path of a JSON file, of {"id", "url", "publicKey": <JWK>, "agencies": [agency codes]}.
   * Consultations of those agencies go to that instance; messages from it are checked with its key.
   */
  @IsOptional()
  @IsString()
  FEDERATION_PEERS?: string;

  /** How old (by its signed `iat`) a message from a peer may be when it arrives; older ones are refused. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(30)
  @Max(3600)
  FEDERATION_MAX_AGE_SECONDS = 300;

  /** Longest wait between two delivery attempts to a peer that is down (the back-off doubles up to it). */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(86400)
  FEDERATION_RETRY_MAX_SECONDS = 3600;

  /**
   * Address of the national public service portal's authentication service (POST username and
   * password, answers a session). Set together with NATIONAL_PORTAL_SERVICE_URL to sync dossiers
   * to the portal; unset, nothing is sent and the portal's inbound endpoint is closed.
   */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  NATIONAL_PORTAL_AUTH_URL?: string;

  /** Address of the portal's integration service (DongBoHoSoMC, CapNhatTienDoHoSoMC). */
  @ValidateIf((env: Environment) => env.NATIONAL_PORTAL_AUTH_URL !== undefined)
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  NATIONAL_PORTAL_SERVICE_URL?: string;

  /** The account the portal issued to this province for its integration services. */
  @ValidateIf((env: Environment) => env.NATIONAL_PORTAL_AUTH_URL !== undefined)
  @IsString()
  @MinLength(1)
  NATIONAL_PORTAL_USERNAME?: string;

  @ValidateIf((env: Environment) => env.NATIONAL_PORTAL_AUTH_URL !== undefined)
  @IsString()
  @MinLength(1)
  NATIONAL_PORTAL_PASSWORD?: string;

  /** The province's electronic agency identifier (MaDinhDanhDV, `madonvi` of every call). */
  @ValidateIf((env: Environment) => env.NATIONAL_PORTAL_AUTH_URL !== undefined)
  @IsString()
  @MinLength(1)
  NATIONAL_PORTAL_AGENCY_ID?: string;

  /**
   * Shared secret the portal presents (Authorization: Bearer) when it delivers a dossier filed on
   * it. At least 32 characters; unset, the inbound endpoint answers 404.
   */
  @IsOptional()
  @IsString()
  @MinLength(32)
  NATIONAL_PORTAL_INBOUND_SECRET?: string;

  /**
   * Key of the signed links through which the portal fetches a dossier's files (the documents
   * handed in, the signed results): /api/national-portal/files/<file id>/<HMAC-SHA256 of the id>.
   * At least 32 characters. Required in production when the portal is configured; elsewhere a
   * fixed development key is used. Changing it breaks the links the portal already holds.
   */
  @ValidateIf((env: Environment) => env.NATIONAL_PORTAL_LINK_SECRET !== undefined)
  @IsString()
  @MinLength(32)
  NATIONAL_PORTAL_LINK_SECRET?: string;

  /**
   * Which dossiers' status changes are synced: `portal`, those filed on the national portal (the
   * default); `all`, every dossier (the province reports its own online and counter dossiers too).
   */
  @IsIn(['portal', 'all'])
  NATIONAL_PORTAL_SYNC: 'portal' | 'all' = 'portal';

  /** Longest wait between two delivery attempts to the portal while it is down. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(86400)
  NATIONAL_PORTAL_RETRY_MAX_SECONDS = 3600;

  @IsIn(['fatal', 'error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';
}

export type AppConfig = Environment & { PUBLIC_URL: string };

export class ConfigError extends Error {}

/** Validates the environment once at start and explains every bad value in one message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const config = plainToInstance(Environment, defined, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false, forbidUnknownValues: false });
  if (config.NODE_ENV === 'production' && config.IDP_PASSWORD_GRANT && defined.IDP_PASSWORD_GRANT !== undefined) {
    throw new ConfigError('Invalid configuration:\n  - IDP_PASSWORD_GRANT must not be enabled when NODE_ENV=production');
  }
  if (errors.length > 0) {
    const lines = errors.map(
      // The raw text as written in the environment: a failed number parse would otherwise show as null.
      (e) => `  - ${e.property}=${JSON.stringify(defined[e.property] ?? e.value)}: ${Object.values(e.constraints ?? {}).join('; ')}`,
    );
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  // Production starts without test conveniences unless they are asked for explicitly.
  if (config.NODE_ENV === 'production' && defined.IDP_PASSWORD_GRANT === undefined) config.IDP_PASSWORD_GRANT = false;
  if (config.NODE_ENV === 'production' && defined.SEED_DEMO_DATA === undefined) config.SEED_DEMO_DATA = false;
  if (config.NODE_ENV === 'production' && defined.PAYMENT_PROVIDER === undefined) config.PAYMENT_PROVIDER = 'none';
  if (config.NODE_ENV === 'production') {
    const problems = productionProblems(config);
    if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  const publicUrl = (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, '');
  return Object.assign(config, { PUBLIC_URL: publicUrl });
}

/** What production must not start with: publicly known passwords, or keys that no one trusts. */
function productionProblems(config: Environment): string[] {
  const problems: string[] = [];
  if (config.SEED_DEMO_DATA) {
    problems.push('SEED_DEMO_DATA must not be true when NODE_ENV=production: the demo accounts have published passwords');
  }
  if (!config.PKI_DIR) {
    problems.push('PKI_DIR is required when NODE_ENV=production: one <agency code>.p12 per agency (the development CA is for trials only)');
  }
  if (config.VNEID_ISSUER?.startsWith('http:')) {
    problems.push('VNEID_ISSUER must be an https address when NODE_ENV=production');
  }
  if (config.PAYMENT_PROVIDER !== 'none' && config.PAYMENT_HASH_SECRET === undefined) {
    problems.push('PAYMENT_HASH_SECRET is required when NODE_ENV=production and PAYMENT_PROVIDER is set');
  }
  if (config.NATIONAL_PORTAL_AUTH_URL && config.NATIONAL_PORTAL_LINK_SECRET === undefined) {
    problems.push('NATIONAL_PORTAL_LINK_SECRET is required when NODE_ENV=production and NATIONAL_PORTAL_AUTH_URL is set: it signs the links the portal fetches files through');
  }
  return problems;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
