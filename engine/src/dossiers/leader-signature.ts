import { BadRequestException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import type { AuthenticatedUser } from '../auth/current-user.js';
import { Role } from '../auth/roles.js';
import { AgencyDirectory } from '../documents/agency-directory.js';
import type { SigningCredentials } from '../signing/credentials.js';
import { MIN_PIN_LENGTH } from '../signing/personal-keyring.js';
import { NewPinTooShort, NoPersonalKey, PersonalSigner, WrongSigningPin } from '../signing/personal-signer.js';
import type { Variables } from '../workflow/workflow-engine.port.js';
import { dossierAgency } from './competent-agency.js';
import { DocumentIssuer } from './document-issuer.js';
import type { DocumentRecord, DossierRecord } from './dossier.schema.js';
import { DossierJournalRepository } from './dossier-journal.repository.js';
import { ProcedureVersions } from './procedure-versions.js';

/**
 * The leader's own signature: when she approves ("Đồng ý"), the draft she approves (the result,
 * or the refusal when the appraisal refused) is signed with her personal key, unlocked by the PIN
 * she enters, before the step completes; a wrong PIN leaves the step open. An apology letter she
 * gives is signed the same way. The PIN is used for that signature only and never kept.
 */
@Injectable()
export class LeaderSignature {
  constructor(
    private readonly personal: PersonalSigner,
    private readonly issuer: DocumentIssuer,
    private readonly journal: DossierJournalRepository,
    private readonly versions: ProcedureVersions,
  ) {}

  /** The draft an approval signs: the one the shipped models' "Loại kết quả?" gateway sends to the leader's signature. */
  async draftToSign(dossier: DossierRecord, processVariables: Variables) {
    const kind = processVariables.appraisalResult === 'refuse' ? 'refusal' : 'result';
    const draft = await this.journal.findDocument(dossier.id, kind);
    if (!draft?.signerRoles.includes(Role.Leader) || draft.signatures.some((s) => s.role === Role.Leader)) return undefined;
    return draft;
  }

  async sign(user: AuthenticatedUser, dossier: DossierRecord, processVariables: Variables, pin: string | undefined, now: Date): Promise<void> {
    const draft = await this.draftToSign(dossier, processVariables);
    if (!draft) return;
    await this.signAs(user, dossier, draft.kind, await this.unlock(user, pin), now);
  }

  /** Her credentials for one signature; a missing or wrong PIN is a 400 in Vietnamese, before anything is written. */
  async unlock(user: AuthenticatedUser, pin: string | undefined): Promise<SigningCredentials> {
    if (!pin) throw new BadRequestException('Cần nhập mã PIN ký số để ký văn bản bằng chứng thư số cá nhân.');
    try {
      return await this.personal.unlock({ username: user.username, fullName: fullNameOf(user) }, pin);
    } catch (error) {
      if (error instanceof WrongSigningPin) throw new BadRequestException('Mã PIN ký số không đúng. Văn bản chưa được ký, hồ sơ chưa thay đổi.');
      if (error instanceof NewPinTooShort) throw new BadRequestException(`Mã PIN ký số lần đầu phải có ít nhất ${MIN_PIN_LENGTH} ký tự.`);
      if (error instanceof NoPersonalKey) throw new UnprocessableEntityException('Chưa có chứng thư số cá nhân của lãnh đạo; liên hệ quản trị hệ thống.');
      throw error;
    }
  }

  /** Signs the dossier's document of `kind` as the leader, with her unlocked credentials. */
  async signAs(user: AuthenticatedUser, dossier: DossierRecord, kind: string, credentials: SigningCredentials, now: Date): Promise<DocumentRecord> {
    const model = await this.versions.get(dossier.procedureSlug!, dossier.procedureVersion!);
    const agencyName = dossierAgency(dossier, model.catalogue, AgencyDirectory.shared()).name;
    return this.issuer.signPersonally(dossier, { kind, role: Role.Leader, signerName: fullNameOf(user), agencyName, now }, credentials);
  }
}

/** The name her certificate carries and the signature shows. */
function fullNameOf(user: AuthenticatedUser): string {
  return user.name ?? user.username;
}
