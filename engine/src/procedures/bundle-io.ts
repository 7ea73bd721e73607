import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { assembleBundle, BundleError, CATALOGUE_FILE, COMMON_TEMPLATES, parseCatalogue, sortedFiles, type ProcedureBundle } from './bundle.js';

/** Zip entries carry this timestamp so that one bundle always zips to the same bytes. */
const ZIP_TIME = new Date('2000-01-01T00:00:00Z');
/** A bundle is text files of modest size; refuse archives that could exhaust memory when inflated. */
const MAX_UNZIPPED_BYTES = 50 * 1024 * 1024;

/** Reads a bundle folder (procedure.json, models/, decisions/, forms/, templates/). */
export async function readBundleFolder(folder: string): Promise<ProcedureBundle> {
  const raw: Record<string, string> = {};
  for (const file of await listFiles(folder)) {
    raw[relative(folder, file).split(sep).join('/')] = await readFile(file, 'utf8');
  }
  return assembleBundle(raw);
}

/** Writes a bundle into `<parent>/<slug>/` and returns that folder. */
export async function writeBundleFolder(bundle: ProcedureBundle, parent: string): Promise<string> {
  const folder = join(parent, bundle.catalogue.slug);
  for (const [path, content] of Object.entries(bundle.files)) {
    const target = join(folder, ...path.split('/'));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, content, 'utf8');
  }
  return folder;
}

export function bundleToZip(bundle: ProcedureBundle): Uint8Array {
  const entries: Zippable = {};
  for (const [path, content] of Object.entries(sortedFiles(bundle.files))) {
    entries[`${bundle.catalogue.slug}/${path}`] = [strToU8(content), { mtime: ZIP_TIME }];
  }
  return zipSync(entries, { level: 9 });
}

/** Reads a zip holding the bundle folder, either at the root or inside one top-level folder. */
export function bundleFromZip(zip: Uint8Array): ProcedureBundle {
  let total = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip, {
      filter: (file) => {
        total += file.originalSize;
        if (total > MAX_UNZIPPED_BYTES) throw new BundleError([`the archive inflates to more than ${MAX_UNZIPPED_BYTES} bytes`]);
        return !file.name.endsWith('/');
      },
    });
  } catch (error) {
    if (error instanceof BundleError) throw error;
    throw new BundleError([`not a readable zip archive: ${(error as Error).message}`]);
  }
  const names = Object.keys(entries).filter((name) => !/(^|\/)(__MACOSX\/|\.DS_Store$)/.test(name));
  const root = names.includes(CATALOGUE_FILE) ? '' : commonFolder(names);
  const raw: Record<string, string> = {};
  for (const name of names) {
    if (!name.startsWith(root)) throw new BundleError([`${name} is outside the bundle folder ${root}`]);
    raw[name.slice(root.length)] = strFromU8(entries[name]);
  }
  return assembleBundle(raw);
}

function commonFolder(names: string[]): string {
  const first = names.find((n) => n.endsWith(`/${CATALOGUE_FILE}`) && n.split('/').length === 2);
  if (!first) throw new BundleError([`the archive has no ${CATALOGUE_FILE} at its root or in one top-level folder`]);
  return first.slice(0, -CATALOGUE_FILE.length);
}

/**
 * Reads a shipped procedure from the repository layout: processes/<slug>/procedure.json and *.bpmn,
 * processes/<slug>/decisions/*.dmn, forms/<slug>/*.form, templates/<slug>/*.hbs, plus every shared template of templates/common/.
 */
export async function readRepositoryProcedure(root: string, slug: string): Promise<ProcedureBundle> {
  const processFolder = join(root, 'processes', slug);
  const catalogueText = await readFile(join(processFolder, CATALOGUE_FILE), 'utf8');
  const catalogue = parseCatalogue(catalogueText);
  if (catalogue.slug !== slug) {
    throw new BundleError([`processes/${slug}/${CATALOGUE_FILE} declares slug '${catalogue.slug}'; it must match its folder`]);
  }
  const raw: Record<string, string> = { [CATALOGUE_FILE]: catalogueText };
  const read = async (folder: string, prefix: string, extension: string) => {
    for (const name of await filesIn(folder)) if (name.endsWith(extension)) raw[`${prefix}${name}`] = await readFile(join(folder, name), 'utf8');
  };
  await read(processFolder, 'models/', '.bpmn');
  await read(join(processFolder, 'decisions'), 'decisions/', '.dmn');
  await read(join(root, 'forms', slug), 'forms/', '.form');
  await read(join(root, 'templates', slug), 'templates/', '.hbs');
  await read(join(root, 'templates', 'common'), COMMON_TEMPLATES, '.hbs');
  return assembleBundle(raw);
}

/** Slugs of the shipped procedures: every processes/<slug>/ holding a procedure.json. */
export async function listRepositoryProcedures(root: string): Promise<string[]> {
  const folder = join(root, 'processes');
  const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
  const slugs: string[] = [];
  for (const entry of entries) {
    if (entry.isDirectory() && (await filesIn(join(folder, entry.name))).includes(CATALOGUE_FILE)) slugs.push(entry.name);
  }
  return slugs.sort();
}

async function filesIn(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return entries.filter((e) => e.isFile()).map((e) => e.name).sort();
}

async function listFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && !e.name.startsWith('.'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}
