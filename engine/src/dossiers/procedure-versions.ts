import { Injectable } from '@nestjs/common';
import { formFiles, modelFiles, resolveTemplate, type ProcedureBundle, type ProcedureCatalogue } from '../procedures/bundle.js';
import { parseModel, type ModelElement } from '../procedures/bpmn-model.js';
import { ProceduresService } from '../procedures/procedures.service.js';
import type { FormSchema } from './form-validation.js';

/** What the dossier features read from a published version: forms, model elements, templates. */
export interface VersionModel {
  slug: string;
  version: number;
  catalogue: ProcedureCatalogue;
  bundle: ProcedureBundle;
  forms: Map<string, FormSchema>;
  elements: Map<string, ModelElement>;
  /** The BPMN file (XML) that holds the main process, as deployed. */
  mainModelXml: string;
  /** The engine's definition of the main process deployed with this version. */
  mainDefinition: { processDefinitionId: string; processDefinitionVersion: number };
}

/**
 * Published versions are immutable, so their parsed content is kept for the life of the process:
 * each dossier runs on the version it started with.
 */
@Injectable()
export class ProcedureVersions {
  private readonly cache = new Map<string, Promise<VersionModel>>();

  constructor(private readonly procedures: ProceduresService) {}

  get(slug: string, version: number): Promise<VersionModel> {
    const key = `${slug}@${version}`;
    let entry = this.cache.get(key);
    if (!entry) {
      entry = this.load(slug, version);
      entry.catch(() => this.cache.delete(key));
      this.cache.set(key, entry);
    }
    return entry;
  }

  /** The form of a user task: its formKey (the form id on the embedded engine) or the model's formId. */
  formOf(model: VersionModel, task: { formKey?: string; elementId: string }): FormSchema | undefined {
    const byKey = task.formKey ? model.forms.get(task.formKey) : undefined;
    const formId = model.elements.get(task.elementId)?.formId;
    return byKey ?? (formId ? model.forms.get(formId) : undefined);
  }

  /** Source of a `template` header in the version: the procedure's own template, else the shared one. */
  templateSource(model: VersionModel, reference: string): string | undefined {
    const path = resolveTemplate(model.bundle, reference);
    return path ? model.bundle.files[path] : undefined;
  }

  private async load(slug: string, version: number): Promise<VersionModel> {
    const row = await this.procedures.version(await this.procedures.procedure(slug), version);
    const bundle = { catalogue: row.catalogue, files: row.files };
    const main = row.processDefinitions.find((d) => d.processDefinitionId === row.catalogue.mainProcess);
    if (!main) throw new Error(`Version ${version} of '${slug}' has no deployed main process '${row.catalogue.mainProcess}'`);
    const forms = new Map<string, FormSchema>();
    for (const [, text] of formFiles(bundle)) {
      const schema = JSON.parse(text) as FormSchema;
      forms.set(schema.id, schema);
    }
    const elements = new Map<string, ModelElement>();
    let mainModelXml: string | undefined;
    for (const [path, xml] of modelFiles(bundle)) {
      for (const process of (await parseModel(path, xml)).processes) {
        if (process.id === row.catalogue.mainProcess) mainModelXml = xml;
        for (const element of process.elements) elements.set(element.id, element);
      }
    }
    if (mainModelXml === undefined) throw new Error(`Version ${version} of '${slug}' has no model file with the main process '${row.catalogue.mainProcess}'`);
    return {
      slug,
      version,
      catalogue: bundle.catalogue,
      bundle,
      forms,
      elements,
      mainModelXml,
      mainDefinition: { processDefinitionId: main.processDefinitionId, processDefinitionVersion: main.processDefinitionVersion },
    };
  }
}
