import type { Catalogue } from '../api/procedures.js';

export const CATALOGUE_FILE = 'procedure.json';

/** procedure.json as the editor writes it; the server rewrites it canonically on save. */
export function serialiseCatalogue(catalogue: Catalogue): string {
  return `${JSON.stringify(catalogue, null, 2)}\n`;
}

export function filesUnder(files: Record<string, string>, folder: string, extension: string): string[] {
  return Object.keys(files)
    .filter((path) => path.startsWith(folder) && path.endsWith(extension))
    .sort();
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A new procedure from a shipped one: new identity in procedure.json, and the main process renamed
 * to the new slug in every model, since a process id is what the engine deploys under and two
 * procedures must never share one.
 */
export function copyBundle(files: Record<string, string>, identity: { slug: string; code: string; name: string }): Record<string, string> {
  const source = JSON.parse(files[CATALOGUE_FILE]) as Catalogue;
  const catalogue: Catalogue = { ...source, ...identity, mainProcess: identity.slug };
  const processReference = new RegExp(`(\\s(?:id|bpmnElement|processRef)=")${escape(source.mainProcess)}"`, 'g');
  const copy: Record<string, string> = {};
  for (const [path, content] of Object.entries(files)) {
    if (path === CATALOGUE_FILE) copy[path] = serialiseCatalogue(catalogue);
    else if (path.startsWith('models/')) copy[path] = content.replace(processReference, `$1${identity.slug}"`);
    else copy[path] = content;
  }
  return copy;
}

/**
 * The bundle's forms as a user task references them (zeebe:formDefinition formId = the form's
 * id), named by their first heading, else by their file.
 */
export function formsOf(files: Record<string, string>): { id: string; name: string }[] {
  return filesUnder(files, 'forms/', '.form').flatMap((path) => {
    try {
      const schema = JSON.parse(files[path]) as { id?: unknown; components?: { type?: string; text?: string }[] };
      if (typeof schema.id !== 'string') return [];
      const heading = schema.components?.find((c) => c.type === 'text' && c.text?.startsWith('#'))?.text?.split('\n')[0]?.replace(/^#+\s*/, '');
      return [{ id: schema.id, name: heading || path.slice('forms/'.length) }];
    } catch {
      // A form being edited may not parse for a moment; it is offered again once it does.
      return [];
    }
  });
}
