import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { AccessPolicy } from '../auth/access-policy.js';
import type { AuthenticatedUser } from '../auth/current-user.js';
import { DossiersRepository } from '../dossiers/dossiers.repository.js';
import type { FileRecord } from './file.schema.js';
import { DirectoryFileStore } from './file-store.js';
import { FilesRepository } from './files.repository.js';
import { ALLOWED_MEDIA_TYPES, sniffMediaType } from './media-types.js';

export const FILE_STORE = Symbol('FILE_STORE');

export interface Upload {
  readonly fileName: string;
  readonly content: Buffer;
}

@Injectable()
export class FilesService {
  constructor(
    @Inject(FILE_STORE) private readonly store: DirectoryFileStore,
    private readonly files: FilesRepository,
    private readonly dossiers: DossiersRepository,
  ) {}

  async upload(user: AuthenticatedUser, upload: Upload): Promise<FileRecord> {
    if (upload.content.length === 0) throw new BadRequestException('The uploaded file is empty');
    const mediaType = sniffMediaType(upload.content);
    if (!mediaType) {
      throw new BadRequestException(`Only these file types are accepted: ${ALLOWED_MEDIA_TYPES.join(', ')} (checked from the file content)`);
    }
    const { sha256, size } = await this.store.put(upload.content);
    return this.files.insert({ sha256, size, mediaType, fileName: cleanFileName(upload.fileName), ownerId: user.id });
  }

  /** The file and its bytes, when the caller may read it; otherwise 404, as if it did not exist. */
  async open(user: AuthenticatedUser, id: string): Promise<{ file: FileRecord; content: Readable }> {
    const file = await this.files.findById(id);
    const holders = file && file.ownerId !== user.id ? await this.dossiers.holdersOfFile(file.id) : [];
    if (!file || !AccessPolicy.canReadFile(user, file, holders)) throw new NotFoundException(`File ${id} not found`);
    return { file, content: this.store.read(file.sha256) };
  }

  /** The file and its bytes for the holder of a signed link to it, which the caller has checked; 404 when there is none. */
  async openByLink(id: string): Promise<{ file: FileRecord; content: Readable }> {
    const file = await this.files.findById(id);
    if (!file) throw new NotFoundException(`File ${id} not found`);
    return { file, content: this.store.read(file.sha256) };
  }
}

/** Keeps the name a user gave the file, minus any path and control characters. */
function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '').normalize('NFC').trim().slice(0, 255);
  return cleaned || 'file';
}
