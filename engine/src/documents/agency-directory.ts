import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's processes/agencies.json: every agency with its parent, level, identifier and office hours. */
export const DEFAULT_AGENCIES_FILE = resolve(fileURLToPath(import.meta.url), '../../../../../processes/agencies.json');

export interface AgencyEntry {
  readonly code: string;
  readonly name: string;
  readonly level?: string;
  readonly parent?: string | null;
  /** Place name printed on the date line, when it cannot be read from the agency's name. */
  readonly place?: string;
  /** Mã định danh điện tử (Decision 20/2020/QĐ-TTg), the first part of the agency's dossier codes. */
  readonly electronicId?: string;
  /** "HH:MM-HH:MM" periods of the agency's one-stop desk, when they differ from the province's. */
  readonly officeHours?: string;
}

export interface DocumentAgency {
  /** The directly superior agency (cơ quan chủ quản), printed above the issuing agency. */
  readonly parentName?: string;
  /** The place on the date line: the proper name of the administrative unit. */
  readonly place: string;
}

let sharedDirectory: AgencyDirectory | undefined;

const UNIT_PREFIX = /(?:^|\s)(?:xã|phường|thị trấn|đặc khu|tỉnh|thành phố)\s+(.+)$/i;

/**
 * Reads the heading facts of an agency from the agency directory. Decree 30/2020/NĐ-CP, Appendix I
 * (heading of an administrative document): the issuing agency is printed below the name of its
 * directly superior agency, and the date line begins with the proper name of the administrative
 * unit where the agency sits (a commune's own name for a commune, the province's for a provincial
 * department).
 */
export class AgencyDirectory {
  private readonly byCode: Map<string, AgencyEntry>;

  constructor(entries: readonly AgencyEntry[]) {
    this.byCode = new Map(entries.map((entry) => [entry.code, entry]));
  }

  /** The directory of the repository's file, read once per process. */
  static shared(): AgencyDirectory {
    return (sharedDirectory ??= AgencyDirectory.load());
  }

  static load(file = DEFAULT_AGENCIES_FILE): AgencyDirectory {
    try {
      return new AgencyDirectory(JSON.parse(readFileSync(file, 'utf8')) as AgencyEntry[]);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new AgencyDirectory([]);
      throw error;
    }
  }

  find(code: string): AgencyEntry | undefined {
    return this.byCode.get(code);
  }

  /** The agency with this electronic identifier (MaDinhDanhDV), the code national systems know it by. */
  findByElectronicId(electronicId: string): AgencyEntry | undefined {
    return [...this.byCode.values()].find((entry) => entry.electronicId === electronicId);
  }

  /** The agency's name, or its code for an agency the directory does not know. */
  nameOf(code: string): string {
    return this.byCode.get(code)?.name ?? code;
  }

  /** Agencies whose one-stop desk keeps its own office hours. */
  withOfficeHours(): AgencyEntry[] {
    return [...this.byCode.values()].filter((entry) => entry.officeHours !== undefined);
  }

  /** Agencies of a level, in the directory's order. */
  atLevel(level: string): AgencyEntry[] {
    return [...this.byCode.values()].filter((entry) => entry.level === level);
  }

  describe(agency: { code: string; name: string }): DocumentAgency {
    const entry = this.byCode.get(agency.code);
    const parent = entry?.parent ? this.byCode.get(entry.parent) : undefined;
    return { ...(parent ? { parentName: parent.name } : {}), place: this.placeOf(entry, agency.name) };
  }

  private placeOf(entry: AgencyEntry | undefined, name: string): string {
    if (entry?.place) return entry.place;
    const own = UNIT_PREFIX.exec(name)?.[1];
    if (own) return own;
    const parent = entry?.parent ? this.byCode.get(entry.parent) : undefined;
    if (parent) return this.placeOf(parent, parent.name);
    // An agency outside the hierarchy (the provincial police, tax office) sits in the province.
    const province = [...this.byCode.values()].find((e) => e.level === 'province' && !e.parent && e.place);
    return province?.place ?? '';
  }
}
