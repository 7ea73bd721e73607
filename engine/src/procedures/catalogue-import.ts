import { assembleBundle, CATALOGUE_FILE, serialiseCatalogue, type ProcedureBundle, type ProcedureCatalogue } from './bundle.js';
import type { ImportedCatalogue } from './national-catalogue.js';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A new procedure's bundle: the catalogue data of a national record on the process, forms and templates
 * of an existing procedure (the five-step model: receive, appraise, approve, sign, return). The main
 * process is renamed to the new slug in every model, since two procedures must never deploy one process id.
 * The template's own deadlines (reduced time, same-day cut-off) and its hint on the competent agency
 * belong to it and are not carried over.
 */
export function bundleFromCatalogue(template: ProcedureBundle, imported: ImportedCatalogue, slug: string): ProcedureBundle {
  const { sameDayCutoff: _cutoff, offeredBy, ...rest } = template.catalogue;
  // Which agency is competent is the template's own law (the land's commune, the parents' residence).
  const { choiceHint: _hint, ...offering } = offeredBy ?? {};
  const catalogue: ProcedureCatalogue = {
    ...rest,
    ...imported,
    slug,
    mainProcess: slug,
    ...(offering.level ? { offeredBy: { ...offering, level: imported.level } } : {}),
  };
  const processReference = new RegExp(`(\\s(?:id|bpmnElement|processRef)=")${escape(template.catalogue.mainProcess)}"`, 'g');
  const files: Record<string, string> = {};
  for (const [path, content] of Object.entries(template.files)) {
    if (path === CATALOGUE_FILE) files[path] = serialiseCatalogue(catalogue);
    else if (path.startsWith('models/')) files[path] = content.replace(processReference, `$1${slug}"`);
    else files[path] = content;
  }
  return assembleBundle(files);
}
