/** Values a dossier code is built from. */
export interface CodeParts {
  agencyCode: string;
  /** Local day of receipt, YYYY-MM-DD. */
  day: string;
  sequence: number;
}

/**
 * Formats a dossier code from DOSSIER_CODE_PATTERN, e.g. `{agency}-{yy}{MM}{dd}-{seq:4}` →
 * `SXD-260302-0001`. A sequence longer than its width is written in full rather than cut.
 */
export function formatDossierCode(pattern: string, parts: CodeParts): string {
  const [yyyy, MM, dd] = parts.day.split('-') as [string, string, string];
  return pattern.replace(/\{(agency|yyyy|yy|MM|dd|seq(?::(\d))?)\}/g, (_token, name: string, width?: string) => {
    switch (name) {
      case 'agency':
        return parts.agencyCode;
      case 'yyyy':
        return yyyy;
      case 'yy':
        return yyyy.slice(2);
      case 'MM':
        return MM;
      case 'dd':
        return dd;
      default:
        return String(parts.sequence).padStart(Number(width ?? 1), '0');
    }
  });
}

/** The local calendar day of a moment at a fixed UTC offset. */
export function localDay(moment: Date, utcOffsetMinutes: number): string {
  return new Date(moment.getTime() + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}
