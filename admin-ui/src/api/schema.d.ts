/**
 * Generated from engine/openapi.json by openapi-typescript; do not edit.
 * Regenerate with `npm run openapi -w engine` after changing a route or a DTO.
 */

export interface paths {
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["HealthController_live"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["HealthController_ready"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/calendar/years/{year}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["CalendarController_year"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/calendar/due-date": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["CalendarController_dueDate"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/calendar/overrides/{date}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: operations["CalendarController_setOverride"];
        post?: never;
        delete: operations["CalendarController_removeOverride"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** All accounts of the built-in identity provider (administrators). */
        get: operations["UsersController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller as the platform sees him: subject, roles, agency. For a citizen, the dossiers the national portal delivered under his personal identification number become his. */
        get: operations["MeController_me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dossiers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Dossiers the caller may see, newest first: his own (citizen), his agency’s (officer), all (supervisor); narrowed by status, procedure, code or name, received period and deadline. */
        get: operations["DossiersController_list"];
        put?: never;
        /** Submit a dossier online (citizen). A retry with the same Idempotency-Key returns the same dossier (200) instead of a second one. */
        post: operations["DossierLifecycleController_submit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dossiers/counter": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Submit a dossier at the counter on the applicant’s behalf (reception officer of any centre, for an agency offering the procedure). */
        post: operations["DossierLifecycleController_submitAtCounter"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dossiers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One dossier with its status label, clock (elapsed working time, pauses) and appointments; 404 when the caller may not see it. */
        get: operations["DossierLifecycleController_detail"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dossiers/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every status change: who, when, from which step, with what note. */
        get: operations["DossierLifecycleController_history"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dossiers/{id}/control-sheet": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Phiếu kiểm soát: every hand-over between steps, its due time, completion, on time or late and the unit holding it. */
        get: operations["DossierLifecycleController_controlSheet"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dossiers/{id}/diagram": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The BPMN diagram (XML) of the dossier’s procedure version, with the elements active now and those completed; 404 when the caller may not see the dossier. */
        get: operations["DossierLifecycleController_diagram"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dossiers/{id}/documents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Documents issued for the dossier (receipt, refusal, result, apology…) with their signatures. */
        get: operations["DossierLifecycleController_documents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dossiers/{id}/document-history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Earlier letters and documents of the dossier that a newer one of the same kind replaced (oldest first). */
        get: operations["DossierLifecycleController_documentHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dossiers/{id}/documents/{kind}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download the PDF of one document kind, as it now stands (signed). */
        get: operations["DossierLifecycleController_download"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dossiers/{id}/supplement": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The applicant answers a supplement request with files and a note; the clock restarts per the procedure’s policy. */
        post: operations["DossierLifecycleController_supplement"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dossiers/{id}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The applicant withdraws the dossier. */
        post: operations["DossierLifecycleController_withdraw"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dossiers/{id}/fee-payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record a fee paid in cash at the counter; the process hears fee-paid. */
        post: operations["DossierLifecycleController_pay"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dossiers/{id}/apology": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Give a new appointment with an apology letter (phiếu xin lỗi và hẹn lại); the letter is generated. */
        post: operations["DossierLifecycleController_apologise"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Worklist: open steps of the caller’s agency offered to his roles, oldest hand-over first, with due times coloured on_time / due_soon / late; one page, `next` leads to the following one. */
        get: operations["TasksController_worklist"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One task with its form schema and the dossier’s variables. */
        get: operations["TasksController_task"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks/{key}/claim": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Take the task; 409 when another officer holds it. */
        post: operations["TasksController_claim"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks/{key}/unclaim": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Give the task back to the group. */
        post: operations["TasksController_unclaim"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks/{key}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Complete the task with its form’s values (checked against the form schema). */
        post: operations["TasksController_complete"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks/{key}/actions/{action}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A named action of the step, completing it with the contract's decision: receive, supplement, refuse, appraise, approve, return, sign, return-result. */
        post: operations["TasksController_act"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/public/dossiers/lookup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A dossier’s progress without an account: code, procedure, status and dates, when both the code and the applicant’s identity number (recorded, or typed on the application form) match (404 otherwise). */
        get: operations["PublicLookupController_lookup"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/consultations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Inbox of the caller’s agency: consultation requests addressed to it, oldest due first, with late and escalation marks. */
        get: operations["ConsultationsController_inbox"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/consultations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One request, for the consulted and the requesting agency; 404 for anyone else. */
        get: operations["ConsultationsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/consultations/{id}/answer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Answer a request (specialist or leader of the consulted agency); the process hears consultation-answered. 409 when already answered. */
        post: operations["ConsultationsController_answer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dossiers/{id}/consultations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The consultations of a dossier, for the officers who may read it. */
        get: operations["ConsultationsController_ofDossier"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/federation/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A signed message from a peer instance (consultation request or answer). 401 unless signed by a configured peer for this instance within the freshness window; a repeated message id gets the first receipt again. */
        post: operations["FederationController_receive"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/.well-known/mot-cua-federation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This instance’s id and the public key (JWK) its messages are signed with, for peers to configure. */
        get: operations["FederationController_keys"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/national-portal/dossiers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A dossier filed on the national public service portal (Authorization: Bearer NATIONAL_PORTAL_INBOUND_SECRET). It is filed with the competent agency as an online submission of the applicant; the same MaHoSo delivered again returns the dossier filed the first time. */
        post: operations["PortalIntakeController_receive"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/national-portal/files/{fileId}/{signature}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A file of a dossier through the signed link the national portal received (DuongDanTaiTepTin of TaiLieuNop, DuongDanTepTinKetQua of DanhSachGiayToKetQua). A link that was not given out answers 404. */
        get: operations["PortalFilesController_file"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/files/limits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What an upload may be: largest size in bytes, accepted media types and file name endings. */
        get: operations["FilesController_limits"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/files": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Upload one PDF, PNG or JPEG file (multipart field "file"), as a citizen or at the counter; 413 above the size limit. */
        post: operations["FilesController_upload"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/files/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download a file: its uploader, or whoever may read a dossier that holds it. */
        get: operations["FilesController_download"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/verify/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Public page of an issued document (the target of its QR code), in Vietnamese. */
        get: operations["VerificationController_page"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Check every signature of an uploaded PDF (multipart field "file"): digest, CMS signature, certificate chain; and whether the bytes are a document issued here. */
        post: operations["VerificationController_verify"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/public/procedures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Published procedures with their catalogue data (current version). */
        get: operations["PublicProceduresController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/public/procedures/{slugOrCode}/application-form": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The application form (form-js schema) of the current published version, with that version number; 404 when not published. */
        get: operations["PublicProceduresController_applicationForm"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/public/procedures/{slugOrCode}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One published procedure by slug or national code. */
        get: operations["PublicProceduresController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/procedures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Procedures; everyone sees the published ones, analysts and administrators may filter by any status. */
        get: operations["ProceduresController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/procedures/{slug}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A published procedure’s catalogue data (current version). */
        get: operations["ProceduresController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/procedures/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import a bundle zip (multipart field "file") as the draft of its procedure; answers the lint report. */
        post: operations["ProceduresController_importZip"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/procedures/import-catalogue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start a new procedure from a national catalogue record (CSDL quốc gia về TTHC): its catalogue data on the process, forms and templates of an existing procedure; answers the lint report. */
        post: operations["ProceduresController_importCatalogue"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/procedures/{slug}/draft": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The draft bundle’s files. */
        get: operations["ProceduresController_draft"];
        /** Replace the draft with the given files; answers the lint report. */
        put: operations["ProceduresController_saveDraft"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/procedures/{slug}/draft/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The draft as a bundle zip. */
        get: operations["ProceduresController_exportDraft"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/procedures/{slug}/lint": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Lint the draft: BPMN, Camunda 8 compatibility, the platform contract, forms and templates. */
        post: operations["ProceduresController_lint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/procedures/{slug}/publish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Publish the draft as a new version with an optional note (422 with the lint report on errors); an unchanged draft publishes nothing. */
        post: operations["ProceduresController_publish"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/procedures/{slug}/unpublish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Stop new dossiers; running ones finish on their version. */
        post: operations["ProceduresController_unpublish"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/procedures/{slug}/rollback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Publish an earlier version’s bundle again as the newest version. */
        post: operations["ProceduresController_rollback"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/procedures/{slug}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Published versions, newest first. */
        get: operations["ProceduresController_versions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/procedures/{slug}/versions/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One version: bundle files, lint report, deployed process definitions. */
        get: operations["ProceduresController_version"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/procedures/{slug}/versions/{version}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One version as a bundle zip. */
        get: operations["ProceduresController_exportVersion"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/procedures/{slug}/diff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What changed between two versions (or the draft): catalogue fields, BPMN elements, form fields, files. */
        get: operations["ProceduresController_diff"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/procedures/{slug}/migrations/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Check a migration plan of running instances between two versions. */
        post: operations["ProceduresController_checkMigration"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/procedures/{slug}/migrations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Migrate the running dossiers of one version to another with an element mapping: 422 when the plan is not valid; instances the engine cannot move safely are listed with the reason and stay (409 when none could move). */
        post: operations["ProceduresController_migrate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/procedures/{slug}/template-preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The HTML a template prints on sample data of the draft (its catalogue, every form field shown by its label); 400 when the template does not compile or exceeds the rendering limits. */
        post: operations["TemplatePreviewController_preview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Payment orders of one of the applicant’s dossiers, newest first. */
        get: operations["PaymentsController_list"];
        put?: never;
        /** Open an online payment for the fees the applicant’s dossier waits for; answers the gateway URL to send the payer to. */
        post: operations["PaymentsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/payments/due": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Fees an online payment of the applicant’s dossier would cover now, with their total (in đồng). 409 unless it waits for a fee. */
        get: operations["PaymentsController_due"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/payments/ipn": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Signed payment callback (IPN) of the gateway. 400: forged or malformed; 404: unknown order; 409: contradicts how the order was settled. Repeating a callback is harmless. */
        get: operations["PaymentsController_ipn"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/payments/national/notice": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Signed payment result notice of the national payment platform (JSON). Answers MaLoi 00 when accepted or repeated; a forged, altered or contradicting notice is refused (400, 404 or 409, MaLoi 99) and changes nothing. */
        post: operations["PaymentsController_nationalNotice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/payments/return": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Where the gateway sends the payer back: a verified return goes on (303) to the dossier in the citizen portal with the recorded result (thanh-toan=paid|failed|pending); changes nothing. */
        get: operations["PaymentsController_returned"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dossiers/{id}/rating": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The rating of a dossier; 404 when the caller may not see the dossier or it has none. */
        get: operations["RatingsController_rating"];
        put?: never;
        /** The applicant rates the handling of his finished dossier, once (1–5 and a comment). 409 when not finished or already rated. */
        post: operations["RatingsController_rate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ratings/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Satisfaction per agency, procedure or officer: count, average, share of 4–5 ratings, distribution. Leaders see their agency. */
        get: operations["RatingsController_summary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/feedback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Feedback to answer, newest first: supervisors see every agency’s, leaders their own. */
        get: operations["FeedbackController_list"];
        put?: never;
        /** A citizen files feedback (phản ánh, kiến nghị) about one of his dossiers or a procedure; answers with its code and deadline. */
        post: operations["FeedbackController_file"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/public/feedback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Anyone files feedback about a procedure or an agency, with a name and a contact for the answer. */
        post: operations["FeedbackController_fileAnonymously"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/feedback/mine": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller’s own feedback, newest first, with the answers. */
        get: operations["FeedbackController_mine"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/feedback/{id}/answer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The agency’s leader (or a supervisor) answers a feedback, once. */
        post: operations["FeedbackController_answer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/statistics/dossiers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Dossiers submitted in a period, per agency, procedure, level or period: received by channel, resolved early / on time / late, in progress, overdue, paused. Leaders see their agency. */
        get: operations["StatisticsController_dossiers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/statistics/indicators": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Decision 766/QĐ-TTg indicators from the platform’s records: progress, digitisation, online services, satisfaction. */
        get: operations["StatisticsController_indicators"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/statistics/export.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The same figures and indicators as an Excel workbook. */
        get: operations["StatisticsController_export"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/registers/dossiers.pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Sổ theo dõi hồ sơ: the dossiers a centre received in a period with their dates (received, appointment, transferred, result, returned), as PDF. */
        get: operations["RegisterController_pdf"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/registers/dossiers.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The same register as an Excel workbook. */
        get: operations["RegisterController_workbook"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/topology": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["TopologyController_topology"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["TopologyController_status"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/deployments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["DeploymentsController_deploy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/decision-definitions/evaluation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["DecisionDefinitionsController_evaluate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/process-instances": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["ProcessInstancesController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/process-instances/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["ProcessInstancesController_search"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/process-instances/{processInstanceKey}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ProcessInstancesController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/process-instances/{processInstanceKey}/cancellation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["ProcessInstancesController_cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/process-instances/{processInstanceKey}/migration": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["ProcessInstancesController_migrate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/jobs/activation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["JobsController_activate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/jobs/{jobKey}/completion": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["JobsController_complete"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/jobs/{jobKey}/failure": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["JobsController_fail"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/jobs/{jobKey}/error": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["JobsController_throwError"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/jobs/{jobKey}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["JobsController_update"];
        trace?: never;
    };
    "/v2/user-tasks/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["UserTasksController_search"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/user-tasks/{userTaskKey}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["UserTasksController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/user-tasks/{userTaskKey}/assignment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["UserTasksController_assign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/user-tasks/{userTaskKey}/assignee": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: operations["UserTasksController_unassign"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/user-tasks/{userTaskKey}/completion": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["UserTasksController_complete"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/messages/publication": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["MessagesController_publish"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/messages/correlation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["MessagesController_correlate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/signals/broadcast": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["SignalsController_broadcast"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/incidents/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["IncidentsController_search"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/incidents/{incidentKey}/resolution": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["IncidentsController_resolve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/element-instances/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["ElementInstancesController_search"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/variables/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["VariablesController_search"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        HealthDto: {
            /** @enum {string} */
            status: "ok";
            /**
             * @description Readiness only: the database answered
             * @enum {string}
             */
            database?: "up";
        };
        UnavailableDto: {
            /** @enum {string} */
            status: "unavailable";
            database: string;
        };
        ErrorResponseDto: {
            /** @example 404 */
            statusCode: number;
            /** @description What went wrong; one line per invalid field of a rejected body */
            message: string | string[];
            /** @example Not Found */
            error?: string;
        };
        OfficePeriodDto: {
            /**
             * @description Local time HH:MM
             * @example 07:00
             */
            start: string;
            /** @example 11:30 */
            end: string;
        };
        DayOffDto: {
            /**
             * @description YYYY-MM-DD
             * @example 2026-09-02
             */
            date: string;
            name: string;
            /** @enum {string} */
            source: "statutory" | "compensatory" | "override";
        };
        CalendarDayDto: {
            /**
             * @description YYYY-MM-DD
             * @example 2026-01-03
             */
            date: string;
            /** @enum {string} */
            kind: "day_off" | "working_day";
            name: string;
        };
        CalendarYearDto: {
            year: number;
            officeHours: components["schemas"]["OfficePeriodDto"][];
            /** @description Weekly rest days, 0 = Sunday … 6 = Saturday */
            restDays: number[];
            daysOff: components["schemas"]["DayOffDto"][];
            /** @description Make-up working days on rest days */
            workingDays: components["schemas"]["CalendarDayDto"][];
        };
        DueDateDto: {
            /** Format: date-time */
            start: string;
            /** Format: date-time */
            dueDate: string;
        };
        CalendarOverrideDto: {
            /**
             * @description An extra day off, or a (make-up) working day
             * @enum {string}
             */
            kind: "day_off" | "working_day";
            /** @example Làm bù cho ngày nghỉ Tết */
            name: string;
        };
        /** @enum {string} */
        Role: "citizen" | "reception" | "specialist" | "leader" | "clerk" | "analyst" | "admin" | "supervisor";
        UserAccountDto: {
            /** Format: uuid */
            id: string;
            username: string;
            displayName: string;
            email: string | null;
            roles: components["schemas"]["Role"][];
            agencyCode: string | null;
            citizenId: string | null;
            enabled: boolean;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        MeDto: {
            /** @description Subject of the token */
            id: string;
            username: string;
            name?: string;
            email?: string;
            roles: components["schemas"]["Role"][];
            /** @description The roles in Vietnamese */
            roleLabels: string[];
            /** @description Agency of an officer */
            agencyCode?: string;
            /** @description The agency’s name from the agency directory, or its code when the directory does not know it */
            agencyName?: string;
            /** @description Citizen identity number, when the token carries one */
            citizenId?: string;
        };
        Object: Record<string, never>;
        /** @enum {string} */
        DossierStatus: "new" | "received" | "not_received" | "processing" | "supplement_requested" | "waiting_for_fee" | "withdrawn" | "stopped" | "done" | "returned";
        ApplicantDto: {
            phone?: string;
            email?: string;
            address?: string;
            /** @example Nguyễn Văn An */
            fullName: string;
            /**
             * @description Số định danh cá nhân (CCCD, 12 digits) or an older 9-digit CMND
             * @example 022090001234
             */
            idNumber?: string;
        };
        AttachmentDto: {
            /** @description Name of the entry of the procedure’s required-documents list this file is for */
            document: string;
            /** @description Id of a file uploaded through POST /api/files */
            fileId: string;
        };
        DossierDto: {
            /** Format: uuid */
            id: string;
            /** @description Receipt code, e.g. SXD-250612-0001 */
            code: string;
            /** @description National code of the procedure */
            procedureCode: string;
            procedureSlug: string | null;
            procedureVersion: number | null;
            procedureName: string | null;
            /** @description Agency handling the dossier */
            agencyCode: string;
            /** @description The centre that received it at the counter, when not the competent agency */
            receivingAgencyCode: string | null;
            /** @description Applicant’s account; null for a counter dossier without one */
            applicantUserId: string | null;
            applicantName: string;
            applicantIdNumber: string | null;
            status: components["schemas"]["DossierStatus"];
            /** @enum {string} */
            channel: "online" | "counter" | "post";
            applicant: components["schemas"]["ApplicantDto"] | null;
            /** @description Values of the application form */
            application: {
                [key: string]: unknown;
            };
            attachments: components["schemas"]["AttachmentDto"][];
            hasFee: boolean;
            /**
             * @description Whether the process has started; failed means every attempt was refused
             * @enum {string}
             */
            startState: "none" | "pending" | "started" | "failed";
            startAttempts: number;
            startLastError: string | null;
            processInstanceKey: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** Format: date-time */
            receivedAt: string | null;
            /**
             * Format: date-time
             * @description Appointment for the result; an apology never moves it
             */
            dueDate: string | null;
            /**
             * Format: date-time
             * @description The new appointment of the dossier’s apology letter
             */
            rescheduledDueDate: string | null;
            /** Format: date-time */
            warningDate: string | null;
            /**
             * Format: date-time
             * @description Set while the clock is stopped
             */
            pausedAt: string | null;
            /** Format: date-time */
            finishedAt: string | null;
        };
        DossierPageDto: {
            items: components["schemas"]["DossierDto"][];
            /** @description Pass back as `after` for the next page; absent on the last page */
            next?: string;
        };
        ContactDto: {
            phone?: string;
            email?: string;
            address?: string;
        };
        SubmitDossierDto: {
            /**
             * @description Procedure slug or national code
             * @example dang-ky-khai-sinh
             */
            procedure: string;
            /**
             * @description Code of the competent agency, one of the procedure’s offeringAgencies (public catalogue); required when several offer it, except at the counter of one of them
             * @example UBND-XA-HH
             */
            agency?: string;
            /** @description Data of the procedure’s application form (validated against its form schema) */
            application: {
                [key: string]: unknown;
            };
            attachments: components["schemas"]["AttachmentDto"][];
            contact?: components["schemas"]["ContactDto"];
        };
        CounterSubmissionDto: {
            /**
             * @description Procedure slug or national code
             * @example dang-ky-khai-sinh
             */
            procedure: string;
            /**
             * @description Code of the competent agency, one of the procedure’s offeringAgencies (public catalogue); required when several offer it, except at the counter of one of them
             * @example UBND-XA-HH
             */
            agency?: string;
            /** @description Data of the procedure’s application form (validated against its form schema) */
            application: {
                [key: string]: unknown;
            };
            attachments: components["schemas"]["AttachmentDto"][];
            applicant: components["schemas"]["ApplicantDto"];
            /**
             * @default counter
             * @enum {string}
             */
            channel: "counter" | "post";
        };
        PauseDto: {
            /** Format: uuid */
            id: string;
            reason: string;
            missingItems: string[];
            /** Format: date-time */
            startedAt: string;
            /** Format: date-time */
            endedAt: string | null;
            /** @description Working minutes the clock stood still */
            workingMinutes: number | null;
        };
        AppointmentDto: {
            /** Format: uuid */
            id: string;
            /** Format: date-time */
            previousDueDate: string | null;
            /** Format: date-time */
            newDueDate: string;
            reason: string;
            responsibleUnit: string;
            issuedByName: string | null;
            /** Format: date-time */
            at: string;
        };
        FeePaymentDto: {
            /** Format: uuid */
            id: string;
            feeCode: string | null;
            /** @description In đồng */
            amount: number;
            /** @description cash, or the online gateway */
            method: string;
            receiptNumber: string | null;
            receivedByName: string | null;
            /** Format: date-time */
            paidAt: string;
        };
        DossierDetailDto: {
            /** Format: uuid */
            id: string;
            /** @description Receipt code, e.g. SXD-250612-0001 */
            code: string;
            /** @description National code of the procedure */
            procedureCode: string;
            procedureSlug: string | null;
            procedureVersion: number | null;
            procedureName: string | null;
            /** @description Agency handling the dossier */
            agencyCode: string;
            /** @description The centre that received it at the counter, when not the competent agency */
            receivingAgencyCode: string | null;
            /** @description Applicant’s account; null for a counter dossier without one */
            applicantUserId: string | null;
            applicantName: string;
            applicantIdNumber: string | null;
            status: components["schemas"]["DossierStatus"];
            /** @enum {string} */
            channel: "online" | "counter" | "post";
            applicant: components["schemas"]["ApplicantDto"] | null;
            /** @description Values of the application form */
            application: {
                [key: string]: unknown;
            };
            attachments: components["schemas"]["AttachmentDto"][];
            hasFee: boolean;
            /**
             * @description Whether the process has started; failed means every attempt was refused
             * @enum {string}
             */
            startState: "none" | "pending" | "started" | "failed";
            startAttempts: number;
            startLastError: string | null;
            processInstanceKey: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** Format: date-time */
            receivedAt: string | null;
            /**
             * Format: date-time
             * @description Appointment for the result; an apology never moves it
             */
            dueDate: string | null;
            /**
             * Format: date-time
             * @description The new appointment of the dossier’s apology letter
             */
            rescheduledDueDate: string | null;
            /** Format: date-time */
            warningDate: string | null;
            /**
             * Format: date-time
             * @description Set while the clock is stopped
             */
            pausedAt: string | null;
            /** Format: date-time */
            finishedAt: string | null;
            /** @description The competent agency’s name, as the agency directory gives it */
            agencyName: string;
            /** @description The status in Vietnamese */
            statusLabel: string;
            clockStopped: boolean;
            elapsedWorkingMinutes: number;
            pauses: components["schemas"]["PauseDto"][];
            appointments: components["schemas"]["AppointmentDto"][];
            feePayments: components["schemas"]["FeePaymentDto"][];
            /** @description The national public service portal’s code (MaHoSo) of a dossier filed there */
            nationalPortalCode: string | null;
        };
        HistoryEntryDto: {
            /** Format: uuid */
            id: string;
            fromStatus: components["schemas"]["DossierStatus"] | null;
            toStatus: components["schemas"]["DossierStatus"];
            fromLabel: string | null;
            toLabel: string;
            actorName: string | null;
            elementId: string | null;
            elementName: string | null;
            note: string | null;
            /** Format: date-time */
            at: string;
        };
        ControlEntryDto: {
            /** Format: uuid */
            id: string;
            userTaskKey: string;
            elementId: string;
            elementName: string | null;
            receiverGroup: string | null;
            /** @description The unit holding the dossier during the step */
            unitAgencyCode: string;
            giverName: string | null;
            /** Format: date-time */
            handedOverAt: string;
            /** @description ISO 8601 duration of the step, from the model */
            stepDuration: string | null;
            /** Format: date-time */
            dueAt: string | null;
            receiverName: string | null;
            /** Format: date-time */
            completedAt: string | null;
            outcome: string | null;
            onTime: boolean | null;
            lateMinutes: number | null;
        };
        DeadlineAlertDto: {
            /** Format: uuid */
            id: string;
            /** @description What is late: the dossier or one of its steps */
            subject: string;
            subjectId: string;
            /** @description due_soon or late */
            level: string;
            unitAgencyCode: string;
            unitGroup: string | null;
            /** Format: date-time */
            dueAt: string;
            /** Format: date-time */
            at: string;
        };
        ControlSheetDto: {
            /** Format: uuid */
            dossierId: string;
            code: string;
            entries: components["schemas"]["ControlEntryDto"][];
            alerts: components["schemas"]["DeadlineAlertDto"][];
        };
        DossierDiagramDto: {
            /** @description BPMN 2.0 XML of the dossier’s procedure version */
            xml: string;
            activeElementIds: string[];
            completedElementIds: string[];
        };
        SignatureDto: {
            /** @description leader, agency… */
            role: string;
            agencyCode: string;
            signerName: string;
            /** Format: date-time */
            at: string;
        };
        IssuedDocumentDto: {
            /** Format: uuid */
            id: string;
            /** @description receipt, refusal, result, apology… */
            kind: string;
            /** Format: uuid */
            fileId: string;
            /** @description Id of the public verification record (/verify/:id) */
            issuedDocumentId: string | null;
            template: string;
            elementId: string | null;
            signerRoles: string[];
            signatures: components["schemas"]["SignatureDto"][];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        ReplacedDocumentDto: {
            /** Format: uuid */
            id: string;
            /** @description receipt, refusal, result, apology… */
            kind: string;
            /** Format: uuid */
            fileId: string;
            /** @description Id of the public verification record (/verify/:id) */
            issuedDocumentId: string | null;
            template: string;
            elementId: string | null;
            signatures: components["schemas"]["SignatureDto"][];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            replacedAt: string;
        };
        SupplementDto: {
            note?: string;
            attachments: components["schemas"]["AttachmentDto"][];
        };
        WithdrawDto: {
            reason: string;
        };
        CashPaymentDto: {
            /** @description Amount received, in đồng */
            amount: number;
            /** @description Fee code of the procedure’s catalogue */
            feeCode?: string;
            /** @description Number of the paper receipt (biên lai) */
            receiptNumber?: string;
        };
        ApologyDto: {
            /** @description New appointment (ISO 8601) */
            newDueDate: string;
            reason: string;
            /** @description Unit the delay is attributed to */
            responsibleUnit: string;
            /** @description The leader’s signing PIN: the letter is signed with her own key (400 when wrong; nothing changes). Never stored. */
            signingPin?: string;
        };
        WorkItemDossierDto: {
            /** Format: uuid */
            id: string;
            code: string;
            procedureName: string | null;
            applicantName: string;
            status: components["schemas"]["DossierStatus"];
            statusLabel: string;
            /** Format: date-time */
            dueDate: string | null;
            /** @description The national public service portal’s code (MaHoSo) of a dossier filed there */
            nationalPortalCode: string | null;
        };
        WorkItemDto: {
            userTaskKey: string;
            name?: string;
            elementId: string;
            candidateGroups: string[];
            /** @description The officer holding the step */
            assignee?: string;
            /** Format: date-time */
            handedOverAt: string;
            /** @description ISO 8601 duration of the step, from the model */
            stepDuration?: string;
            /** Format: date-time */
            dueAt?: string;
            /** @enum {string} */
            deadlineState?: "on_time" | "due_soon" | "late";
            dossier: components["schemas"]["WorkItemDossierDto"];
        };
        WorkPageDto: {
            items: components["schemas"]["WorkItemDto"][];
            /** @description Pass back as `after` for the next page; absent on the last page */
            next?: string;
        };
        TaskDetailDto: {
            userTaskKey: string;
            name?: string;
            elementId: string;
            candidateGroups: string[];
            /** @description The officer holding the step */
            assignee?: string;
            /** Format: date-time */
            handedOverAt: string;
            /** @description ISO 8601 duration of the step, from the model */
            stepDuration?: string;
            /** Format: date-time */
            dueAt?: string;
            /** @enum {string} */
            deadlineState?: "on_time" | "due_soon" | "late";
            dossier: components["schemas"]["WorkItemDossierDto"];
            /** @description form-js schema of the step’s form */
            form?: {
                [key: string]: unknown;
            };
            /** @description The process instance’s variables */
            variables: {
                [key: string]: unknown;
            };
            /** @description What the form starts with: its own fields empty, the process’s other values as people read them */
            formData: {
                [key: string]: unknown;
            };
            /** @description Kind of the draft (`result`, `refusal`) that approving this step signs with the leader’s own key: completing it with the approval needs her `signingPin` */
            approvalSigns?: string;
        };
        CompleteTaskDto: {
            /** @description Values of the task’s form; validated against its schema */
            variables: {
                [key: string]: unknown;
            };
            /** @description The leader’s signing PIN when her approval signs the draft with her own key (400 when wrong; the step stays open). Never stored. */
            signingPin?: string;
        };
        TaskActionDto: {
            /** @description Further values of the task’s form */
            variables?: {
                [key: string]: unknown;
            };
            /** @description Reasons of a refusal or supplement request */
            reasons?: string;
            /** @description What the applicant must supplement, item by item */
            missingItems?: string[];
            /**
             * @description Appraisal result (appraise)
             * @enum {string}
             */
            result?: "meets" | "supplement" | "refuse";
            /** @description The leader’s signing PIN when her approval signs the draft with her own key (400 when wrong; the step stays open). Never stored. */
            signingPin?: string;
        };
        PublicLookupDto: {
            code: string;
            procedureName: string | null;
            status: components["schemas"]["DossierStatus"];
            statusLabel: string;
            /** Format: date-time */
            receivedAt: string | null;
            /** Format: date-time */
            dueDate: string | null;
            /** Format: date-time */
            finishedAt: string | null;
        };
        ConsultationDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            dossierId: string;
            dossierCode: string;
            procedureName: string | null;
            applicantName: string;
            requestingAgency: string;
            consultedAgency: string;
            question: string;
            /** Format: date-time */
            requestedAt: string;
            /** Format: date-time */
            dueAt: string;
            /** @enum {string} */
            status: "open" | "answered";
            answer: string | null;
            /** @description Who answered: an account id, or `<peer>#<id>` for an officer of a peer instance */
            answeredBy: string | null;
            answeredByName: string | null;
            /** Format: date-time */
            answeredAt: string | null;
            /**
             * Format: date-time
             * @description When the late request was escalated to the consulted agency’s leaders
             */
            escalatedAt: string | null;
            escalatedTo: string | null;
            /** @description Open past its due time */
            late: boolean;
        };
        AnswerConsultationDto: {
            /** @description The agency’s opinion (ý kiến của cơ quan phối hợp) */
            opinion: string;
        };
        FederationMessageDto: {
            /** @description Compact JWS signed by the sending instance (iss, aud, iat, jti, kind and the message claims) */
            message: string;
        };
        FederationReceiptDto: {
            /** @enum {string} */
            status: "accepted" | "recorded" | "already-answered";
            /**
             * Format: uuid
             * @description The consultation on this instance
             */
            consultationId: string;
            /**
             * Format: date-time
             * @description Accepted request: its due time here
             */
            dueAt?: string;
            /** @description Recorded answer: when the remote officer answered */
            answeredAt?: string | null;
        };
        FederationKeysDto: {
            /** @description This instance’s id */
            id: string;
            /** @description Public keys (JWK) its messages are signed with */
            keys: {
                [key: string]: unknown;
            }[];
        };
        PortalApplicantDto: {
            /** @description Họ tên chủ hồ sơ */
            HoTen: string;
            /** @description Số định danh cá nhân (12 chữ số), the identity VNeID signed the applicant in with */
            SoDinhDanh: string;
            Email?: string;
            SoDienThoai?: string;
            DiaChi?: string;
        };
        PortalFileDto: {
            /** @description Tên giấy tờ: the name of the document in the procedure’s list of required documents */
            TenGiayTo: string;
            /** @description Tên tệp */
            TenTep: string;
            /** @description The file’s bytes, base64 */
            NoiDung: string;
        };
        PortalDossierDto: {
            /** @description Mã hồ sơ on the national portal: the dossier’s key in every later call */
            MaHoSo: string;
            /** @description Mã thủ tục hành chính (national catalogue code) or the procedure’s slug here */
            MaTTHC: string;
            /** @description Mã định danh điện tử of the competent agency (or its code here); needed when several agencies offer the procedure */
            MaDinhDanhDV?: string;
            ChuHoSo: components["schemas"]["PortalApplicantDto"];
            /** @description Dữ liệu tờ khai: the application form’s values */
            DuLieuToKhai: {
                [key: string]: unknown;
            };
            TaiLieuNop: components["schemas"]["PortalFileDto"][];
        };
        PortalReceiptDto: {
            /** @description Mã hồ sơ on the national portal */
            MaHoSo: string;
            /** @description The dossier’s id here */
            dossierId: string;
            /** @description The receipt code the platform gave the dossier */
            code: string;
            /** @description The agency the dossier was filed with */
            agencyCode: string;
            /** @description False when the portal had delivered this dossier before: nothing new was created */
            created: boolean;
        };
        UploadLimitsDto: {
            /** @description Largest upload in bytes */
            maxBytes: number;
            /**
             * @example [
             *       "application/pdf",
             *       "image/png",
             *       "image/jpeg"
             *     ]
             */
            mediaTypes: string[];
            /**
             * @example [
             *       ".pdf",
             *       ".png",
             *       ".jpg",
             *       ".jpeg"
             *     ]
             */
            extensions: string[];
        };
        UploadedFileDto: {
            /** Format: uuid */
            id: string;
            fileName: string;
            /** @description Media type sniffed from the content */
            mediaType: string;
            /** @description Bytes */
            size: number;
            /** @description SHA-256 of the content, hex */
            sha256: string;
        };
        SignatureReportDto: {
            /** @description Common name of the signing certificate */
            signer: string | null;
            certificateSubject: string | null;
            /** @description The official named in the signature */
            signerName: string | null;
            /** @description `leader` (her approval, with her own key) or `clerk` (the agency seal), as recorded when the platform issued the document; null for a file it did not issue */
            role: string | null;
            reason: string | null;
            location: string | null;
            /** @description Claimed signing time, ISO 8601 */
            signedAt: string | null;
            /** @description The signed bytes are unchanged and signed by the certificate’s key */
            intact: boolean;
            /** @description The certificate chains to a trusted root and was valid at signing time */
            trusted: boolean;
            valid: boolean;
            /** @description Nothing was appended after this signature */
            coversWholeDocument: boolean;
            problems: string[];
        };
        RegisteredDocumentDto: {
            /** Format: uuid */
            id: string;
            kind: string;
            title: string;
            number: string | null;
            agencyCode: string;
            agencyName: string;
            /** Format: date-time */
            issuedAt: string;
            verifyUrl: string;
        };
        UploadVerificationDto: {
            /** @description SHA-256 of the file, hex */
            sha256: string;
            /** @description At least one signature, all valid, the last covering the whole file */
            valid: boolean;
            signatures: components["schemas"]["SignatureReportDto"][];
            registeredDocument: components["schemas"]["RegisteredDocumentDto"] | null;
        };
        AgencyDto: {
            code: string;
            name: string;
        };
        OfferedByDto: {
            /** @description Every agency of this level offers the procedure (e.g. commune) */
            level?: string;
            /** @description Agencies offering it, by code */
            agencies?: string[];
            /** @description Shown beside the choice of agency: which one is competent, as the procedure’s law says */
            choiceHint?: string;
        };
        WorkingTimeDto: {
            value: number;
            /** @enum {string} */
            unit: "workingDays" | "workingHours";
        };
        ProcessingTimeDto: {
            /** @description Time the law allows */
            legal: components["schemas"]["WorkingTimeDto"];
            /** @description The province’s reduced time */
            reduced?: components["schemas"]["WorkingTimeDto"];
        };
        CatalogueFeeDto: {
            code?: string;
            name: string;
            /** @description In đồng */
            amount: number;
            note?: string;
        };
        RequiredDocumentDto: {
            name: string;
            originals: number;
            copies: number;
            mandatory: boolean;
            /** @description The declaration filled online on the application form: no file is asked for it */
            filledOnline?: boolean;
            note?: string;
        };
        PublishedProcedureDto: {
            slug: string;
            code: string;
            name: string;
            field: string;
            level: string;
            /** @description The agency that maintains the bundle; the only one offering it when offeredBy is absent */
            agency: components["schemas"]["AgencyDto"];
            offeredBy?: components["schemas"]["OfferedByDto"];
            /** @description HH:MM: answered the same working day when received before it, else the next working day */
            sameDayCutoff?: string;
            consultedAgencies?: components["schemas"]["AgencyDto"][];
            processingTime: components["schemas"]["ProcessingTimeDto"];
            fees: components["schemas"]["CatalogueFeeDto"][];
            requiredDocuments: components["schemas"]["RequiredDocumentDto"][];
            /** @enum {string} */
            onlineMode: "full" | "partial" | "none";
            resultType: string;
            legalBasis: string[];
            /** @enum {string} */
            supplementPolicy: "resume" | "restart";
            /** @description Supplement requests allowed per dossier */
            maxSupplementRequests?: number;
            /** @description Form id of the application form */
            applicationForm: string;
            mainProcess: string;
            models: string[];
            forms: string[];
            templates: string[];
            decisions?: string[];
            /** @description The current published version */
            version: number;
            /** @description Agencies offering the procedure, one of which is competent for each dossier */
            offeringAgencies: components["schemas"]["AgencyDto"][];
        };
        PublishedApplicationFormDto: {
            slug: string;
            code: string;
            version: number;
            formId: string;
            /** @description form-js schema */
            form: {
                [key: string]: unknown;
            };
        };
        /** @enum {string} */
        ProcedureStatus: "draft" | "published" | "unpublished";
        ProcedureDto: {
            /** Format: uuid */
            id: string;
            slug: string;
            /** @description National procedure code, e.g. 1.001612 */
            code: string;
            name: string;
            field: string;
            level: string;
            agencyCode: string;
            /** @description The agency’s name from the agency directory, or its code when the directory does not know it */
            agencyName: string;
            status: components["schemas"]["ProcedureStatus"];
            currentVersion: number | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        LintIssueDto: {
            /** @enum {string} */
            severity: "error" | "warning";
            /** @description `bpmnlint/<rule>`, `camunda-compat/<rule>` or `platform/<rule>` */
            rule: string;
            /** @description Bundle path of the file concerned */
            file: string;
            elementId?: string;
            elementName?: string;
            message: string;
        };
        LintReportDto: {
            /** @description Nothing blocks publishing (warnings do not) */
            ok: boolean;
            errors: number;
            warnings: number;
            issues: components["schemas"]["LintIssueDto"][];
        };
        DraftSavedDto: {
            procedure: components["schemas"]["ProcedureDto"];
            contentHash: string;
            lint: components["schemas"]["LintReportDto"];
        };
        ImportCatalogueDto: {
            /**
             * @description The new procedure's slug (its folder and main process id)
             * @example dang-ky-khai-tu
             */
            slug: string;
            /**
             * @description Slug of the procedure whose process, forms and templates the new one starts from
             * @example dang-ky-khai-sinh
             */
            template: string;
            /**
             * @description One procedure of the national catalogue of administrative procedures (see docs/national-catalogue.md for its fields)
             * @example {
             *       "MaTTHC": "1.001193",
             *       "TenTTHC": "Đăng ký khai sinh",
             *       "CapThucHien": "Cấp Xã",
             *       "LinhVuc": "Hộ tịch",
             *       "ThoiHanGiaiQuyet": "Trong ngày"
             *     }
             */
            record: {
                [key: string]: unknown;
            };
        };
        BundleFilesDto: {
            /**
             * @description Every file of the bundle by its path: procedure.json, models/*.bpmn, forms/*.form, templates/*.hbs, templates/common/*.hbs
             * @example {
             *       "procedure.json": "{…}",
             *       "models/birth-registration.bpmn": "<?xml…"
             *     }
             */
            files: {
                [key: string]: string;
            };
        };
        CatalogueDto: {
            slug: string;
            code: string;
            name: string;
            field: string;
            level: string;
            /** @description The agency that maintains the bundle; the only one offering it when offeredBy is absent */
            agency: components["schemas"]["AgencyDto"];
            offeredBy?: components["schemas"]["OfferedByDto"];
            /** @description HH:MM: answered the same working day when received before it, else the next working day */
            sameDayCutoff?: string;
            consultedAgencies?: components["schemas"]["AgencyDto"][];
            processingTime: components["schemas"]["ProcessingTimeDto"];
            fees: components["schemas"]["CatalogueFeeDto"][];
            requiredDocuments: components["schemas"]["RequiredDocumentDto"][];
            /** @enum {string} */
            onlineMode: "full" | "partial" | "none";
            resultType: string;
            legalBasis: string[];
            /** @enum {string} */
            supplementPolicy: "resume" | "restart";
            /** @description Supplement requests allowed per dossier */
            maxSupplementRequests?: number;
            /** @description Form id of the application form */
            applicationForm: string;
            mainProcess: string;
            models: string[];
            forms: string[];
            templates: string[];
            decisions?: string[];
        };
        BundleDto: {
            catalogue: components["schemas"]["CatalogueDto"];
            /** @description Every file of the bundle by its path (procedure.json, models/x.bpmn, forms/x.form…) */
            files: {
                [key: string]: string;
            };
        };
        PublishDto: {
            /** @description Why this version is published; kept with the version */
            note?: string;
        };
        DeployedDefinitionDto: {
            processDefinitionId: string;
            processDefinitionKey: string;
            processDefinitionVersion: number;
            resourceName: string;
        };
        VersionSummaryDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            procedureId: string;
            version: number;
            contentHash: string;
            deploymentKey: string;
            processDefinitions: components["schemas"]["DeployedDefinitionDto"][];
            /** @description The version a rollback published again */
            restoredFrom: number | null;
            /** @description The publisher’s login */
            publishedBy: string;
            /** @description The name people know the publisher by */
            publishedByName: string | null;
            note: string | null;
            /** Format: date-time */
            publishedAt: string;
            errors: number;
            warnings: number;
        };
        PublishResultDto: {
            version: components["schemas"]["VersionSummaryDto"];
            /** @description False when the draft was unchanged and nothing was published */
            created: boolean;
        };
        RollbackDto: {
            /** @description The earlier version whose bundle is published again as the newest version */
            version: number;
        };
        VersionDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            procedureId: string;
            version: number;
            catalogue: components["schemas"]["CatalogueDto"];
            /** @description Every file of the bundle by its path (procedure.json, models/x.bpmn, forms/x.form…) */
            files: {
                [key: string]: string;
            };
            contentHash: string;
            lintReport: components["schemas"]["LintReportDto"];
            deploymentKey: string;
            processDefinitions: components["schemas"]["DeployedDefinitionDto"][];
            restoredFrom: number | null;
            publishedBy: string;
            publishedByName: string | null;
            note: string | null;
            /** Format: date-time */
            publishedAt: string;
        };
        PropertyChangeDto: {
            property: string;
            before?: (string | number | boolean | {
                [key: string]: unknown;
            } | unknown[]) | null;
            after?: (string | number | boolean | {
                [key: string]: unknown;
            } | unknown[]) | null;
        };
        ElementChangeDto: {
            /** @enum {string} */
            change: "added" | "removed" | "changed";
            processId: string;
            id: string;
            /** @description BPMN element type, e.g. bpmn:UserTask */
            type: string;
            name?: string;
            changes?: components["schemas"]["PropertyChangeDto"][];
        };
        FormFieldChangeDto: {
            /** @enum {string} */
            change: "added" | "removed" | "changed";
            form: string;
            key: string;
            type: string;
            /** @description The field’s label on the form */
            label?: string;
            changes?: components["schemas"]["PropertyChangeDto"][];
        };
        FileChangeDto: {
            path: string;
            /** @enum {string} */
            change: "added" | "removed" | "changed";
        };
        BundleDiffDto: {
            catalogue: components["schemas"]["PropertyChangeDto"][];
            elements: components["schemas"]["ElementChangeDto"][];
            formFields: components["schemas"]["FormFieldChangeDto"][];
            files: components["schemas"]["FileChangeDto"][];
            /** @description Names of the elements a change references by id (a flow’s source and target) */
            elementNames: {
                [key: string]: string;
            };
        };
        MappingInstructionDto: {
            sourceElementId: string;
            targetElementId: string;
        };
        MigrationPlanDto: {
            fromVersion: number;
            toVersion: number;
            /** @description One instruction per element that can hold a token */
            mappingInstructions: components["schemas"]["MappingInstructionDto"][];
        };
        MigrationCheckDto: {
            fromVersion: number;
            toVersion: number;
            processDefinitionId: string;
            /** @description Running instances of the source version */
            instances: number;
            instanceKeys: string[];
            /** @description Why the plan cannot run; empty when it can */
            problems: string[];
        };
        RefusedMigrationDto: {
            processInstanceKey: string;
            reason: string;
        };
        MigrationResultDto: {
            fromVersion: number;
            toVersion: number;
            processDefinitionId: string;
            /** @description Instances now on the target version */
            migrated: string[];
            /** @description Instances the engine could not move safely; they finish on the old version */
            refused: components["schemas"]["RefusedMigrationDto"][];
        };
        TemplatePreviewDto: {
            /** @description Handlebars source of the template (templates/common partials are available by name) */
            source: string;
        };
        CreatePaymentDto: {
            /** @description Dossier whose fees are paid (it must be waiting for a fee). */
            dossierId: string;
            /**
             * @description Fee codes of the procedure to pay; default: every fee not yet paid.
             * @example [
             *       "LP-GCN"
             *     ]
             */
            feeCodes?: string[];
        };
        OrderedFeeDto: {
            code: string;
            name: string;
            /** @description In đồng */
            amount: number;
        };
        CreatedPaymentDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            dossierId: string;
            /** @description Reference the gateway knows the order by */
            txnRef: string;
            /** @description In đồng */
            amount: number;
            fees: components["schemas"]["OrderedFeeDto"][];
            /** @enum {string} */
            status: "pending" | "paid" | "failed";
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            expiresAt: string;
            /** Format: date-time */
            settledAt: string | null;
            gatewayTransactionNo: string | null;
            /** @description The gateway’s page to send the payer to */
            paymentUrl: string;
        };
        PaymentOrderDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            dossierId: string;
            /** @description Reference the gateway knows the order by */
            txnRef: string;
            /** @description In đồng */
            amount: number;
            fees: components["schemas"]["OrderedFeeDto"][];
            /** @enum {string} */
            status: "pending" | "paid" | "failed";
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            expiresAt: string;
            /** Format: date-time */
            settledAt: string | null;
            gatewayTransactionNo: string | null;
        };
        FeesDueDto: {
            /** Format: uuid */
            dossierId: string;
            fees: components["schemas"]["OrderedFeeDto"][];
            /** @description Total in đồng */
            amount: number;
        };
        PaymentCallbackDto: {
            /** @enum {string} */
            outcome: "paid" | "failed" | "already_settled";
            order: components["schemas"]["PaymentOrderDto"];
        };
        NationalNoticeAnswerDto: {
            /** @description 00 when the notice was accepted (also when it repeats one already accepted); 99 otherwise */
            MaLoi: string;
            MoTaLoi: string;
            MaDoiTac: string;
            MaThamChieu: string;
            ThoiGianGD: string;
            MaXacThuc: string;
        };
        RateDossierDto: {
            /** @description 1 rất không hài lòng … 5 rất hài lòng */
            score: number;
            comment?: string;
        };
        RatingDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            dossierId: string;
            score: number;
            comment: string | null;
            /** Format: date-time */
            at: string;
        };
        RatingSummaryRowDto: {
            /** @description Agency code, procedure code or officer id */
            key: string;
            name: string | null;
            count: number;
            average: number;
            /** @description Ratings of 4 or 5 */
            satisfied: number;
            /** @description Counts of scores 1 to 5 */
            distribution: number[];
            /** @description Share of 4–5 ratings, in percent */
            satisfactionRate: number | null;
        };
        RatingSummaryDto: {
            /** @enum {string} */
            by: "agency" | "procedure" | "officer";
            agencyCode: string | null;
            rows: components["schemas"]["RatingSummaryRowDto"][];
        };
        FileFeedbackDto: {
            /**
             * Format: uuid
             * @description One of the caller’s dossiers; its agency answers.
             */
            dossierId?: string;
            /** @description The agency that should answer; required without a dossier. */
            agencyCode?: string;
            /** @description National code of the procedure concerned, e.g. 1.001193. */
            procedureCode?: string;
            /** @description Where the answer goes; default: the account’s e-mail. */
            contact?: string;
            content: string;
        };
        FeedbackDto: {
            /** Format: uuid */
            id: string;
            /** @description What the citizen quotes to follow it up */
            code: string;
            agencyCode: string;
            /** @description The agency’s name as the directory gives it */
            agencyName: string;
            procedureCode: string | null;
            /** Format: uuid */
            dossierId: string | null;
            authorName: string;
            contact: string;
            content: string;
            /** Format: date-time */
            receivedAt: string;
            /**
             * Format: date-time
             * @description Answer due by, on the working calendar
             */
            dueAt: string;
            answer: string | null;
            /** Format: date-time */
            answeredAt: string | null;
            /** @description Who answered, by name */
            answeredByName: string | null;
            /** @enum {string} */
            state: "open" | "overdue" | "answered" | "answered_late";
        };
        FileAnonymousFeedbackDto: {
            /** @description The agency that should answer. */
            agencyCode: string;
            /** @description National code of the procedure concerned. */
            procedureCode?: string;
            name: string;
            /** @description Phone number or e-mail address for the answer. */
            contact: string;
            content: string;
        };
        FeedbackListDto: {
            items: components["schemas"]["FeedbackDto"][];
        };
        AnswerFeedbackDto: {
            answer: string;
        };
        StatisticsFilterDto: {
            /** Format: date-time */
            from: string;
            /** Format: date-time */
            to: string;
            agencyCode?: string;
            procedureCode?: string;
            level?: string;
        };
        StatisticsRowDto: {
            /** @description Agency or procedure code, level, period start, or "total" */
            key: string;
            /** @description The agency’s or procedure’s name, when grouped by either */
            name: string | null;
            /** @description The agency’s name (the procedure’s agency, when grouped by procedure) */
            agencyName?: string | null;
            submitted: number;
            received: number;
            online: number;
            counter: number;
            post: number;
            notReceived: number;
            withdrawn: number;
            resolved: number;
            early: number;
            onTime: number;
            late: number;
            withoutDeadline: number;
            inProgress: number;
            /** @description In progress, past the warning date but not the appointment */
            dueSoon: number;
            /** @description In progress past the appointment */
            overdue: number;
            paused: number;
            /** @description Percent, two decimals; null with nothing to measure */
            onTimeRate: number | null;
            onlineRate: number | null;
        };
        DossierStatisticsDto: {
            filter: components["schemas"]["StatisticsFilterDto"];
            /** @enum {string} */
            groupBy: "agency" | "procedure" | "level" | "period";
            /** @enum {string} */
            period?: "day" | "month" | "quarter" | "year";
            /** Format: date-time */
            asOf: string;
            rows: components["schemas"]["StatisticsRowDto"][];
            total: components["schemas"]["StatisticsRowDto"];
        };
        RatioDto: {
            numerator: number;
            denominator: number;
            /** @description Percent, two decimals; null when the denominator is 0 */
            percent: number | null;
        };
        ProgressIndicatorDto: {
            onTimeRate: components["schemas"]["RatioDto"];
            early: number;
            onTime: number;
            late: number;
            overdueInProgress: number;
            points: number | null;
            maxPoints: number;
            target: number;
        };
        DigitisationIndicatorDto: {
            dossiersDigitised: components["schemas"]["RatioDto"];
            resultsDigitised: components["schemas"]["RatioDto"];
            resultsSigned: components["schemas"]["RatioDto"];
            target: number;
        };
        LevelRatioDto: {
            numerator: number;
            denominator: number;
            /** @description Percent, two decimals; null when the denominator is 0 */
            percent: number | null;
            level: string;
        };
        OnlineServicesIndicatorDto: {
            submittedOnline: components["schemas"]["RatioDto"];
            byLevel: components["schemas"]["LevelRatioDto"][];
            paidOnline: components["schemas"]["RatioDto"];
            consultationsAnsweredElectronically: components["schemas"]["RatioDto"];
            consultationsAnsweredOnTime: components["schemas"]["RatioDto"];
            consultationTarget: number;
        };
        SatisfactionIndicatorDto: {
            ratings: number;
            average: number | null;
            satisfied: components["schemas"]["RatioDto"];
            target: number;
        };
        ScoredGroupDto: {
            /** @enum {string} */
            id: "transparency" | "progress" | "digitisation" | "online" | "satisfaction";
            name: string;
            /** @description The group’s points out of 100 */
            maxPoints: number;
            /** @description Points of its scored indicators */
            points: number;
            /** @description Maximum of the indicators the platform scored */
            scoredMaxPoints: number;
        };
        ScoredIndicatorDto: {
            /** @description Number in the decision’s five groups, e.g. 2.1 */
            id: string;
            /** @enum {string} */
            group: "transparency" | "progress" | "digitisation" | "online" | "satisfaction";
            /** @description Vietnamese name */
            name: string;
            /** @description The published formula, in Vietnamese */
            formula: string;
            /** @description How points follow from the value, in Vietnamese */
            scoring: string;
            /**
             * @description Where its data lives
             * @enum {string}
             */
            source: "platform" | "national-portal" | "national-procedure-database" | "population-database" | "data-warehouse";
            /** @description Whether the platform’s records measure it */
            computable: boolean;
            /** @description Why it is not computed here (Vietnamese) */
            reason: string | null;
            numerator: number | null;
            denominator: number | null;
            /** @description Percent, two decimals; null when not computable or nothing to measure */
            value: number | null;
            points: number | null;
            /** @description Null where the indicator’s own points are to verify */
            maxPoints: number | null;
        };
        Decision766Dto: {
            /** @description Which dossiers the indicators count (Vietnamese) */
            basis: string;
            groups: components["schemas"]["ScoredGroupDto"][];
            indicators: components["schemas"]["ScoredIndicatorDto"][];
        };
        PortalSyncDto: {
            /** @description Whether the portal is configured (NATIONAL_PORTAL_AUTH_URL) */
            connected: boolean;
            /**
             * @description Dossiers synced: those filed on the portal, or all (NATIONAL_PORTAL_SYNC)
             * @enum {string}
             */
            scope: "portal" | "all";
            /** @description Changes waiting to reach the portal */
            pending: number;
            /** @description Of those, changes the portal has refused or not answered at least once */
            failing: number;
            /**
             * Format: date-time
             * @description When the oldest waiting change was made
             */
            oldestPendingAt: string | null;
            /**
             * Format: date-time
             * @description When the portal last accepted a change
             */
            lastDeliveredAt: string | null;
            /** @description The latest error of a waiting change */
            lastError: string | null;
        };
        IndicatorsDto: {
            filter: components["schemas"]["StatisticsFilterDto"];
            /** Format: date-time */
            asOf: string;
            progress: components["schemas"]["ProgressIndicatorDto"];
            digitisation: components["schemas"]["DigitisationIndicatorDto"];
            onlineServices: components["schemas"]["OnlineServicesIndicatorDto"];
            satisfaction: components["schemas"]["SatisfactionIndicatorDto"];
            /** @description Every indicator of the decision, scored where the platform can measure it */
            decision766: components["schemas"]["Decision766Dto"];
            /** @description Sync backlog and failures towards the national portal */
            portalSync: components["schemas"]["PortalSyncDto"];
        };
        ProblemDetailDto: {
            /** @example about:blank */
            type: string;
            /**
             * @description The rejection type
             * @example NOT_FOUND
             */
            title: string;
            /** @example 404 */
            status: number;
            detail: string;
            /** @example /v2/process-instances/1 */
            instance: string;
        };
        BrokerPartitionDto: {
            partitionId: number;
            /** @enum {string} */
            role: "leader" | "follower" | "inactive";
            /** @enum {string} */
            health: "healthy" | "unhealthy" | "dead";
        };
        BrokerInfoDto: {
            nodeId: number;
            host: string;
            port: number;
            partitions: components["schemas"]["BrokerPartitionDto"][];
            version: string;
        };
        TopologyResultDto: {
            brokers: components["schemas"]["BrokerInfoDto"][];
            /** @description Camunda 8.9 only */
            clusterId?: string | null;
            clusterSize: number;
            partitionsCount: number;
            replicationFactor: number;
            gatewayVersion: string;
            lastCompletedChangeId: string;
        };
        DeploymentFieldsDto: Record<string, never>;
        DeploymentProcessResultDto: {
            processDefinitionId: string;
            processDefinitionVersion: number;
            resourceName: string;
            /**
             * @description The embedded engine is single-tenant
             * @example <default>
             */
            tenantId: string;
            /**
             * @description int64 key as a decimal string
             * @example 2251799813685249
             */
            processDefinitionKey: string;
        };
        DeploymentDecisionResultDto: {
            decisionDefinitionId: string;
            version: number;
            name: string;
            /**
             * @description The embedded engine is single-tenant
             * @example <default>
             */
            tenantId: string;
            decisionRequirementsId: string;
            /**
             * @description int64 key as a decimal string
             * @example 2251799813685249
             */
            decisionDefinitionKey: string;
            /**
             * @description int64 key as a decimal string
             * @example 2251799813685249
             */
            decisionRequirementsKey: string;
        };
        DeploymentDecisionRequirementsResultDto: {
            decisionRequirementsId: string;
            version: number;
            decisionRequirementsName: string;
            /**
             * @description The embedded engine is single-tenant
             * @example <default>
             */
            tenantId: string;
            resourceName: string;
            /**
             * @description int64 key as a decimal string
             * @example 2251799813685249
             */
            decisionRequirementsKey: string;
        };
        DeploymentMetadataResultDto: {
            processDefinition?: components["schemas"]["DeploymentProcessResultDto"] | null;
            decisionDefinition?: components["schemas"]["DeploymentDecisionResultDto"] | null;
            decisionRequirements?: components["schemas"]["DeploymentDecisionRequirementsResultDto"] | null;
            /** @description Never set: forms are not deployed here */
            form?: {
                [key: string]: unknown;
            } | null;
            /** @description Never set */
            resource?: {
                [key: string]: unknown;
            } | null;
        };
        DeploymentResultDto: {
            /**
             * @description int64 key as a decimal string
             * @example 2251799813685249
             */
            deploymentKey: string;
            /**
             * @description The embedded engine is single-tenant
             * @example <default>
             */
            tenantId: string;
            deployments: components["schemas"]["DeploymentMetadataResultDto"][];
        };
        EvaluateDecisionDto: Record<string, never>;
        EvaluatedOutputDto: {
            outputId: string;
            outputName: string;
            /** @description JSON text */
            outputValue: string;
            /** @description Camunda 8.9 only */
            ruleId?: string | null;
            /** @description Camunda 8.9 only */
            ruleIndex?: number | null;
        };
        MatchedRuleDto: {
            ruleId: string;
            ruleIndex: number;
            evaluatedOutputs: components["schemas"]["EvaluatedOutputDto"][];
        };
        EvaluatedInputDto: {
            inputId: string;
            inputName: string;
            /** @description JSON text */
            inputValue: string;
        };
        EvaluatedDecisionDto: {
            decisionDefinitionId: string;
            decisionDefinitionName: string;
            decisionDefinitionVersion: number;
            decisionDefinitionType: string;
            /** @description JSON text */
            output: string;
            /**
             * @description The embedded engine is single-tenant
             * @example <default>
             */
            tenantId: string;
            matchedRules: components["schemas"]["MatchedRuleDto"][];
            evaluatedInputs: components["schemas"]["EvaluatedInputDto"][];
            /**
             * @description int64 key as a decimal string
             * @example 2251799813685249
             */
            decisionDefinitionKey: string;
            decisionEvaluationInstanceKey: string;
        };
        EvaluateDecisionResultDto: {
            decisionDefinitionId: string;
            decisionDefinitionName: string;
            decisionDefinitionVersion: number;
            decisionRequirementsId: string;
            /** @description JSON text */
            output: string;
            /** @description Empty in 8.8 and null in 8.9 when nothing failed */
            failedDecisionDefinitionId: string | null;
            failureMessage: string | null;
            /**
             * @description The embedded engine is single-tenant
             * @example <default>
             */
            tenantId: string;
            /**
             * @description int64 key as a decimal string
             * @example 2251799813685249
             */
            decisionDefinitionKey: string;
            /**
             * @description int64 key as a decimal string
             * @example 2251799813685249
             */
            decisionRequirementsKey: string;
            /**
             * @description int64 key as a decimal string
             * @example 2251799813685249
             */
            decisionEvaluationKey: string;
            /**
             * @description int64 key as a decimal string
             * @example 2251799813685249
             */
            decisionInstanceKey: string;
            evaluatedDecisions: components["schemas"]["EvaluatedDecisionDto"][];
        };
        CreateProcessInstanceDto: Record<string, never>;
        CreateProcessInstanceResultDto: {
            processDefinitionId: string;
            processDefinitionVersion: number;
            /**
             * @description int64 key as a decimal string
             * @example 2251799813685249
             */
            processDefinitionKey: string;
            /**
             * @description int64 key as a decimal string
             * @example 2251799813685249
             */
            processInstanceKey: string;
            /**
             * @description The embedded engine is single-tenant
             * @example <default>
             */
            tenantId: string;
            /** @description Empty: awaitCompletion is not supported */
            variables: {
                [key: string]: unknown;
            };
            tags: string[];
            /** @description Camunda 8.9 only */
            businessId?: string | null;
        };
        SearchQueryDto: Record<string, never>;
        ProcessInstanceResultDto: {
            /**
             * @description int64 key as a decimal string
             * @example 2251799813685249
             */
            processInstanceKey: string;
            /**
             * @description int64 key as a decimal string
             * @example 2251799813685249
             */
            processDefinitionKey: string;
            processDefinitionId: string;
            processDefinitionName: string;
            processDefinitionVersion: number;
            processDefinitionVersionTag?: string | null;
            /** @enum {string} */
            state: "ACTIVE" | "COMPLETED" | "TERMINATED";
            /** Format: date-time */
            startDate: string;
            /** Format: date-time */
            endDate?: string | null;
            hasIncident: boolean;
            /**
             * @description The embedded engine is single-tenant
             * @example <default>
             */
            tenantId: string;
            parentProcessInstanceKey?: string | null;
            parentElementInstanceKey?: string | null;
            /** @description Camunda 8.9 only */
            rootProcessInstanceKey?: string | null;
            tags: string[];
            /** @description Camunda 8.9 only */
            businessId?: string | null;
        };
        SearchPageResultDto: {
            totalItems: number;
            hasMoreTotalItems: boolean;
            startCursor?: string | null;
            endCursor?: string | null;
        };
        ProcessInstanceSearchResultDto: {
            items: components["schemas"]["ProcessInstanceResultDto"][];
            page: components["schemas"]["SearchPageResultDto"];
        };
        OperationReferenceDto: Record<string, never>;
        MigrateProcessInstanceDto: Record<string, never>;
        ActivateJobsDto: Record<string, never>;
        ListenerUserTaskDto: {
            /**
             * @description int64 key as a decimal string
             * @example 2251799813685249
             */
            userTaskKey: string;
            /** @description assign or complete */
            action: string;
            assignee?: string;
            candidateGroups: string[];
            candidateUsers: string[];
            /** Format: date-time */
            dueDate?: string;
            /** Format: date-time */
            followUpDate?: string;
            formKey?: string;
            changedAttributes: string[];
        };
        ActivatedJobResultDto: {
            /**
             * @description int64 key as a decimal string
             * @example 2251799813685249
             */
            jobKey: string;
            type: string;
            /**
             * @description int64 key as a decimal string
             * @example 2251799813685249
             */
            processInstanceKey: string;
            /** @description Camunda 8.9 only */
            rootProcessInstanceKey?: string | null;
            processDefinitionId: string;
            processDefinitionVersion: number;
            /**
             * @description int64 key as a decimal string
             * @example 2251799813685249
             */
            processDefinitionKey: string;
            elementId: string;
            /**
             * @description int64 key as a decimal string
             * @example 2251799813685249
             */
            elementInstanceKey: string;
            customHeaders: {
                [key: string]: string;
            };
            worker: string;
            retries: number;
            /** @description Epoch milliseconds */
            deadline: number;
            variables: {
                [key: string]: unknown;
            };
            /**
             * @description The embedded engine is single-tenant
             * @example <default>
             */
            tenantId: string;
            /** @enum {string} */
            kind: "BPMN_ELEMENT" | "EXECUTION_LISTENER" | "TASK_LISTENER" | "AD_HOC_SUB_PROCESS";
            /** @enum {string} */
            listenerEventType: "UNSPECIFIED" | "START" | "END" | "CREATING" | "ASSIGNING" | "UPDATING" | "COMPLETING" | "CANCELING";
            userTask?: components["schemas"]["ListenerUserTaskDto"] | null;
            tags: string[];
        };
        ActivateJobsResultDto: {
            jobs: components["schemas"]["ActivatedJobResultDto"][];
        };
        CompleteJobDto: Record<string, never>;
        FailJobDto: Record<string, never>;
        ThrowJobErrorDto: Record<string, never>;
        UpdateJobDto: Record<string, never>;
        UserTaskResultDto: {
            /**
             * @description int64 key as a decimal string
             * @example 2251799813685249
             */
            userTaskKey: string;
            name?: string | null;
            /** @enum {string} */
            state: "CREATED" | "ASSIGNING" | "COMPLETING" | "COMPLETED" | "CANCELED";
            assignee?: string | null;
            elementId: string;
            /**
             * @description int64 key as a decimal string
             * @example 2251799813685249
             */
            elementInstanceKey: string;
            candidateGroups: string[];
            candidateUsers: string[];
            processDefinitionId: string;
            /**
             * @description int64 key as a decimal string
             * @example 2251799813685249
             */
            processDefinitionKey: string;
            /** @description Absent when the process instance is gone */
            processDefinitionVersion?: number;
            processName?: string | null;
            /**
             * @description int64 key as a decimal string
             * @example 2251799813685249
             */
            processInstanceKey: string;
            /** @description Camunda 8.9 only */
            rootProcessInstanceKey?: string | null;
            /** Format: date-time */
            creationDate: string;
            /** Format: date-time */
            completionDate?: string | null;
            /** Format: date-time */
            dueDate?: string | null;
            /** Format: date-time */
            followUpDate?: string | null;
            /**
             * @description The embedded engine is single-tenant
             * @example <default>
             */
            tenantId: string;
            customHeaders: {
                [key: string]: string;
            };
            /** @description Key of a linked Camunda form */
            formKey?: string | null;
            /** @description Any other form reference */
            externalFormReference?: string | null;
            /** @description Camunda 8.9 only */
            tags?: string[] | null;
        };
        UserTaskSearchResultDto: {
            items: components["schemas"]["UserTaskResultDto"][];
            page: components["schemas"]["SearchPageResultDto"];
        };
        AssignUserTaskDto: Record<string, never>;
        CompleteUserTaskDto: Record<string, never>;
        PublishMessageDto: Record<string, never>;
        MessagePublicationResultDto: {
            /**
             * @description int64 key as a decimal string
             * @example 2251799813685249
             */
            messageKey: string;
            /**
             * @description The embedded engine is single-tenant
             * @example <default>
             */
            tenantId: string;
        };
        CorrelateMessageDto: Record<string, never>;
        MessageCorrelationResultDto: {
            /**
             * @description int64 key as a decimal string
             * @example 2251799813685249
             */
            messageKey: string;
            /**
             * @description The first process instance the message reached
             * @example 2251799813685249
             */
            processInstanceKey: string;
            /**
             * @description The embedded engine is single-tenant
             * @example <default>
             */
            tenantId: string;
        };
        BroadcastSignalDto: Record<string, never>;
        SignalBroadcastResultDto: {
            /**
             * @description int64 key as a decimal string
             * @example 2251799813685249
             */
            signalKey: string;
            /**
             * @description The embedded engine is single-tenant
             * @example <default>
             */
            tenantId: string;
        };
        IncidentResultDto: {
            /**
             * @description int64 key as a decimal string
             * @example 2251799813685249
             */
            incidentKey: string;
            /**
             * @description int64 key as a decimal string
             * @example 2251799813685249
             */
            processInstanceKey: string;
            /** @description Camunda 8.9 only */
            rootProcessInstanceKey?: string | null;
            /**
             * @description int64 key as a decimal string
             * @example 2251799813685249
             */
            processDefinitionKey?: string;
            processDefinitionId?: string;
            elementId: string;
            /**
             * @description int64 key as a decimal string
             * @example 2251799813685249
             */
            elementInstanceKey: string;
            jobKey?: string | null;
            /** @description Zeebe’s error type, UNKNOWN for one the API does not define */
            errorType: string;
            errorMessage: string;
            /** @enum {string} */
            state: "ACTIVE" | "RESOLVED";
            /** Format: date-time */
            creationTime: string;
            /**
             * @description The embedded engine is single-tenant
             * @example <default>
             */
            tenantId: string;
        };
        IncidentSearchResultDto: {
            items: components["schemas"]["IncidentResultDto"][];
            page: components["schemas"]["SearchPageResultDto"];
        };
        ElementInstanceResultDto: {
            /**
             * @description int64 key as a decimal string
             * @example 2251799813685249
             */
            elementInstanceKey: string;
            /**
             * @description int64 key as a decimal string
             * @example 2251799813685249
             */
            processInstanceKey: string;
            /** @description Camunda 8.9 only */
            rootProcessInstanceKey?: string | null;
            /**
             * @description int64 key as a decimal string
             * @example 2251799813685249
             */
            processDefinitionKey: string;
            processDefinitionId: string;
            elementId: string;
            elementName: string;
            /** @description BPMN element type, e.g. USER_TASK; UNKNOWN for one the API does not define */
            type: string;
            /** @enum {string} */
            state: "ACTIVE" | "COMPLETED" | "TERMINATED";
            /** Format: date-time */
            startDate: string;
            /** Format: date-time */
            endDate?: string | null;
            hasIncident: boolean;
            incidentKey?: string | null;
            /**
             * @description The embedded engine is single-tenant
             * @example <default>
             */
            tenantId: string;
        };
        ElementInstanceSearchResultDto: {
            items: components["schemas"]["ElementInstanceResultDto"][];
            page: components["schemas"]["SearchPageResultDto"];
        };
        VariableResultDto: {
            /**
             * @description Stable digest of scope and name: for sorting and paging, not for a lookup
             * @example 2251799813685249
             */
            variableKey: string;
            name: string;
            /** @description JSON text */
            value: string;
            isTruncated: boolean;
            /**
             * @description int64 key as a decimal string
             * @example 2251799813685249
             */
            scopeKey: string;
            /**
             * @description int64 key as a decimal string
             * @example 2251799813685249
             */
            processInstanceKey: string;
            /** @description Camunda 8.9 only */
            rootProcessInstanceKey?: string | null;
            /**
             * @description The embedded engine is single-tenant
             * @example <default>
             */
            tenantId: string;
        };
        VariableSearchResultDto: {
            items: components["schemas"]["VariableResultDto"][];
            page: components["schemas"]["SearchPageResultDto"];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    HealthController_live: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthDto"];
                };
            };
        };
    };
    HealthController_ready: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthDto"];
                };
            };
            /** @description The database does not answer */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnavailableDto"];
                };
            };
        };
    };
    CalendarController_year: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                year: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CalendarYearDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    CalendarController_dueDate: {
        parameters: {
            query?: {
                /** @description Start of the working time (ISO 8601); now when absent */
                start?: string;
                days?: number;
                hours?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DueDateDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    CalendarController_setOverride: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                date: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CalendarOverrideDto"];
            };
        };
        responses: {
            /** @description Saved */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    CalendarController_removeOverride: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                date: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description No override on that date */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    UsersController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserAccountDto"][];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    MeController_me: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeDto"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    DossiersController_list: {
        parameters: {
            query?: {
                limit?: components["schemas"]["Object"];
                /** @description Id of the last dossier of the previous page (`next` of that page). */
                after?: string;
                /** @description One or several statuses, repeated or comma-separated. */
                status?: ("new" | "received" | "not_received" | "processing" | "supplement_requested" | "waiting_for_fee" | "withdrawn" | "stopped" | "done" | "returned")[];
                /** @description Code of the procedure (mã thủ tục). */
                procedure?: string;
                /** @description Part of the dossier code or of the applicant’s name; accents and case optional. */
                q?: string;
                /** @description Received (submitted, until received) on or after: a day (YYYY-MM-DD, local) or an instant. */
                receivedFrom?: string;
                /** @description Received on or before: a day (the whole day counts) or an instant. */
                receivedTo?: string;
                /** @description Open dossiers by deadline: due_soon (warning date passed, appointment not yet), late (appointment passed). A stopped clock counts from when it stopped. */
                dueWithin?: "due_soon" | "late";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DossierPageDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    DossierLifecycleController_submit: {
        parameters: {
            query?: never;
            header?: {
                /** @description 8–128 characters chosen by the client, one per submission */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SubmitDossierDto"];
            };
        };
        responses: {
            /** @description The dossier an earlier request with the same Idempotency-Key created */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DossierDto"];
                };
            };
            /** @description The new dossier */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DossierDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description No or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description No such dossier, or the caller may not see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    DossierLifecycleController_submitAtCounter: {
        parameters: {
            query?: never;
            header?: {
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CounterSubmissionDto"];
            };
        };
        responses: {
            /** @description The dossier an earlier request with the same Idempotency-Key created */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DossierDto"];
                };
            };
            /** @description The new dossier */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DossierDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description No or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description No such dossier, or the caller may not see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    DossierLifecycleController_detail: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DossierDetailDto"];
                };
            };
            /** @description No or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description No such dossier, or the caller may not see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    DossierLifecycleController_history: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HistoryEntryDto"][];
                };
            };
            /** @description No or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description No such dossier, or the caller may not see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    DossierLifecycleController_controlSheet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ControlSheetDto"];
                };
            };
            /** @description No or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description No such dossier, or the caller may not see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    DossierLifecycleController_diagram: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DossierDiagramDto"];
                };
            };
            /** @description No or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description No such dossier, or the caller may not see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    DossierLifecycleController_documents: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IssuedDocumentDto"][];
                };
            };
            /** @description No or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description No such dossier, or the caller may not see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    DossierLifecycleController_documentHistory: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReplacedDocumentDto"][];
                };
            };
            /** @description No or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description No such dossier, or the caller may not see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    DossierLifecycleController_download: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                kind: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The PDF */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                };
            };
            /** @description No or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description No such dossier, or the caller may not see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    DossierLifecycleController_supplement: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SupplementDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DossierDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description No or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Only the applicant, or the counter for a dossier without an account */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description No such dossier, or the caller may not see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The dossier’s status does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    DossierLifecycleController_withdraw: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WithdrawDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DossierDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description No or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Only the applicant, or the counter for a dossier without an account */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description No such dossier, or the caller may not see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The dossier’s status does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    DossierLifecycleController_pay: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CashPaymentDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FeePaymentDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description No or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description No such dossier, or the caller may not see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The dossier waits for no fee, or it is already paid */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    DossierLifecycleController_apologise: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApologyDto"];
            };
        };
        responses: {
            /** @description The signed apology letter */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IssuedDocumentDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description No or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description No such dossier, or the caller may not see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The deadline rules allow no apology now (not received, already apologised, or too late) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    TasksController_worklist: {
        parameters: {
            query?: {
                /** @description Steps per page */
                limit?: number;
                /** @description The `next` of the previous page */
                after?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkPageDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Officers only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    TasksController_task: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskDetailDto"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Officers only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description No such open task for the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    TasksController_claim: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Claimed */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Officers only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Another officer holds the task */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    TasksController_unclaim: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Given back */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Officers only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    TasksController_complete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CompleteTaskDto"];
            };
        };
        responses: {
            /** @description The dossier after the step */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DossierDto"];
                };
            };
            /** @description Values that do not fit the form */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Officers only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    TasksController_act: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key: string;
                action: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TaskActionDto"];
            };
        };
        responses: {
            /** @description The dossier after the step */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DossierDto"];
                };
            };
            /** @description Unknown action, or values that do not fit the form */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Officers only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    PublicLookupController_lookup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PublicLookupDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description No dossier matches this code and identity number */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Too many lookups from this address; Retry-After says when to try again. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    ConsultationsController_inbox: {
        parameters: {
            query?: {
                status?: "open" | "answered" | "overdue" | "all";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsultationDto"][];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Officers of an agency only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    ConsultationsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsultationDto"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    ConsultationsController_answer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AnswerConsultationDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsultationDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Already answered */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    ConsultationsController_ofDossier: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsultationDto"][];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    FederationController_receive: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FederationMessageDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FederationReceiptDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not signed by a configured peer for this instance, or not fresh */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description A different message under a message id already used */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    FederationController_keys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FederationKeysDto"];
                };
            };
        };
    };
    PortalIntakeController_receive: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PortalDossierDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalReceiptDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Missing or wrong secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description No inbound secret configured: the portal connection is off */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    PortalFilesController_file: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                fileId: string;
                signature: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file as stored: a result is its signed PDF */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                    "image/png": string;
                    "image/jpeg": string;
                };
            };
            /** @description No such file, or a signature the platform did not give */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": components["schemas"]["ErrorResponseDto"];
                    "image/png": components["schemas"]["ErrorResponseDto"];
                    "image/jpeg": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    FilesController_limits: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UploadLimitsDto"];
                };
            };
        };
    };
    FilesController_upload: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /** Format: binary */
                    file: string;
                };
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UploadedFileDto"];
                };
            };
            /** @description No file, an empty one, or a type other than PDF, PNG or JPEG */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    FilesController_download: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file as uploaded */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                    "image/png": string;
                    "image/jpeg": string;
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": components["schemas"]["ErrorResponseDto"];
                    "image/png": components["schemas"]["ErrorResponseDto"];
                    "image/jpeg": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": components["schemas"]["ErrorResponseDto"];
                    "image/png": components["schemas"]["ErrorResponseDto"];
                    "image/jpeg": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    VerificationController_page: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description No such issued document (an HTML page saying so) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
        };
    };
    VerificationController_verify: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /** Format: binary */
                    file: string;
                };
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UploadVerificationDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    PublicProceduresController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PublishedProcedureDto"][];
                };
            };
        };
    };
    PublicProceduresController_applicationForm: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slugOrCode: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PublishedApplicationFormDto"];
                };
            };
            /** @description No such procedure, or it is not published */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    PublicProceduresController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slugOrCode: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PublishedProcedureDto"];
                };
            };
            /** @description No such procedure, or it is not published */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    ProceduresController_list: {
        parameters: {
            query?: {
                status?: "draft" | "published" | "unpublished";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProcedureDto"][];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    ProceduresController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PublishedProcedureDto"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description No such procedure, or it is not published */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    ProceduresController_importZip: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /** Format: binary */
                    file: string;
                };
            };
        };
        responses: {
            /** @description The draft with its lint report */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftSavedDto"];
                };
            };
            /** @description Not a valid bundle zip (problems lists why) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The procedure code belongs to another procedure */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    ProceduresController_importCatalogue: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ImportCatalogueDto"];
            };
        };
        responses: {
            /** @description The new draft with its lint report */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftSavedDto"];
                };
            };
            /** @description The record cannot be read (problems lists why, in Vietnamese); nothing is created */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description No such template procedure */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The slug or the procedure code is already taken */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    ProceduresController_draft: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BundleDto"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description No draft */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    ProceduresController_saveDraft: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BundleFilesDto"];
            };
        };
        responses: {
            /** @description The draft with its lint report */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftSavedDto"];
                };
            };
            /** @description Not a valid bundle (problems lists why) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The procedure code belongs to another procedure */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    ProceduresController_exportDraft: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The bundle zip */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/zip": string;
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/zip": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description No draft */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/zip": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    ProceduresController_lint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LintReportDto"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description No draft */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    ProceduresController_publish: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PublishDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PublishResultDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description No draft */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The lint report has errors (the body carries the report) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    ProceduresController_unpublish: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProcedureDto"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not published */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    ProceduresController_rollback: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RollbackDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PublishResultDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description No such procedure or version */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    ProceduresController_versions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VersionSummaryDto"][];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    ProceduresController_version: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
                version: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VersionDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description No such procedure or version */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    ProceduresController_exportVersion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
                version: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The bundle zip */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/zip": string;
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/zip": components["schemas"]["ErrorResponseDto"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/zip": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description No such procedure or version */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/zip": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    ProceduresController_diff: {
        parameters: {
            query: {
                /** @description Version number, or "draft" */
                from: string;
                /** @description Version number, or "draft" */
                to: string;
            };
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BundleDiffDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description No such procedure, version or draft */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    ProceduresController_checkMigration: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MigrationPlanDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MigrationCheckDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description No such procedure or version */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    ProceduresController_migrate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MigrationPlanDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MigrationResultDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description No such procedure or version */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The engine refused to migrate; no dossier was migrated */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The migration plan is not valid (the body carries the check) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    TemplatePreviewController_preview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TemplatePreviewDto"];
            };
        };
        responses: {
            /** @description The printed template as an HTML page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description The template does not compile or exceeds the rendering limits */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": components["schemas"]["ErrorResponseDto"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not an analyst of the procedure’s agency */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    PaymentsController_list: {
        parameters: {
            query: {
                dossierId: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaymentOrderDto"][];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not one of the caller’s dossiers */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    PaymentsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreatePaymentDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedPaymentDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not one of the caller’s dossiers */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The dossier waits for no fee */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    PaymentsController_due: {
        parameters: {
            query: {
                dossierId: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FeesDueDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not one of the caller’s dossiers */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The dossier waits for no fee */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    PaymentsController_ipn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaymentCallbackDto"];
                };
            };
            /** @description Forged or malformed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Unknown order */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Contradicts how the order was settled */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    PaymentsController_nationalNotice: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NationalNoticeAnswerDto"];
                };
            };
            /** @description Forged, altered or malformed, or the amount differs from the order */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NationalNoticeAnswerDto"];
                };
            };
            /** @description Unknown order */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NationalNoticeAnswerDto"];
                };
            };
            /** @description Contradicts how the order was settled */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NationalNoticeAnswerDto"];
                };
            };
        };
    };
    PaymentsController_returned: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description On to the dossier in the citizen portal; Location carries thanh-toan=paid|failed|pending */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not a verified return (an HTML page saying so) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
        };
    };
    RatingsController_rating: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RatingDto"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    RatingsController_rate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RateDossierDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RatingDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not finished, or already rated */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    RatingsController_summary: {
        parameters: {
            query: {
                by: "agency" | "procedure" | "officer";
                /** @description Only this agency (a leader always sees only his own). */
                agencyCode?: string;
                /** @description Ratings given from this instant (ISO 8601). */
                from?: string;
                /** @description Ratings given before this instant (ISO 8601). */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RatingSummaryDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    FeedbackController_list: {
        parameters: {
            query?: {
                /** @description Supervisors: one agency (leaders always get their own). */
                agencyCode?: string;
                /** @description Default: all. */
                show?: "all" | "unanswered";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FeedbackListDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    FeedbackController_file: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FileFeedbackDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FeedbackDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not one of the caller’s dossiers */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    FeedbackController_fileAnonymously: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FileAnonymousFeedbackDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FeedbackDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Too much feedback from this address; Retry-After says when to try again. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    FeedbackController_mine: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FeedbackListDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    FeedbackController_answer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AnswerFeedbackDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FeedbackDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Already answered */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    StatisticsController_dossiers: {
        parameters: {
            query?: {
                /** @description Dossiers submitted from this instant (ISO 8601); default: the start of the current year. */
                from?: string;
                /** @description Dossiers submitted before this instant (ISO 8601); default: now. */
                to?: string;
                /** @description One agency (leaders always get their own). */
                agencyCode?: string;
                /** @description National code of one procedure, e.g. 1.013978. */
                procedureCode?: string;
                /** @description Administrative level of the procedure (province, commune…). */
                level?: string;
                /** @description Rows per agency, procedure, level or period; default: agency. */
                groupBy?: "agency" | "procedure" | "level" | "period";
                /** @description Length of a period when grouping by period; default: month. */
                period?: "day" | "month" | "quarter" | "year";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DossierStatisticsDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Supervisors and leaders only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    StatisticsController_indicators: {
        parameters: {
            query?: {
                /** @description Dossiers submitted from this instant (ISO 8601); default: the start of the current year. */
                from?: string;
                /** @description Dossiers submitted before this instant (ISO 8601); default: now. */
                to?: string;
                /** @description One agency (leaders always get their own). */
                agencyCode?: string;
                /** @description National code of one procedure, e.g. 1.013978. */
                procedureCode?: string;
                /** @description Administrative level of the procedure (province, commune…). */
                level?: string;
                /** @description Rows per agency, procedure, level or period; default: agency. */
                groupBy?: "agency" | "procedure" | "level" | "period";
                /** @description Length of a period when grouping by period; default: month. */
                period?: "day" | "month" | "quarter" | "year";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IndicatorsDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Supervisors and leaders only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    StatisticsController_export: {
        parameters: {
            query?: {
                /** @description Dossiers submitted from this instant (ISO 8601); default: the start of the current year. */
                from?: string;
                /** @description Dossiers submitted before this instant (ISO 8601); default: now. */
                to?: string;
                /** @description One agency (leaders always get their own). */
                agencyCode?: string;
                /** @description National code of one procedure, e.g. 1.013978. */
                procedureCode?: string;
                /** @description Administrative level of the procedure (province, commune…). */
                level?: string;
                /** @description Rows per agency, procedure, level or period; default: agency. */
                groupBy?: "agency" | "procedure" | "level" | "period";
                /** @description Length of a period when grouping by period; default: month. */
                period?: "day" | "month" | "quarter" | "year";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The workbook */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Supervisors and leaders only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    RegisterController_pdf: {
        parameters: {
            query?: {
                /** @description Dossiers received from this instant (ISO 8601); default: the start of the current month (local time). */
                from?: string;
                /** @description Dossiers received before this instant (ISO 8601); default: the start of the next month. */
                to?: string;
                /** @description The centre keeping the register (supervisors must name one; officers get their own). */
                agencyCode?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The register */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The agency’s reception officers and leaders, and supervisors */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    RegisterController_workbook: {
        parameters: {
            query?: {
                /** @description Dossiers received from this instant (ISO 8601); default: the start of the current month (local time). */
                from?: string;
                /** @description Dossiers received before this instant (ISO 8601); default: the start of the next month. */
                to?: string;
                /** @description The centre keeping the register (supervisors must name one; officers get their own). */
                agencyCode?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The register */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The agency’s reception officers and leaders, and supervisors */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    TopologyController_topology: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TopologyResultDto"];
                };
            };
            /** @description INVALID_ARGUMENT */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description No or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description Administrators only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
        };
    };
    TopologyController_status: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The cluster is up */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description INVALID_ARGUMENT */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description No or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description Administrators only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
        };
    };
    DeploymentsController_deploy: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["DeploymentFieldsDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeploymentResultDto"];
                };
            };
            /** @description INVALID_ARGUMENT */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description No or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description Administrators only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
        };
    };
    DecisionDefinitionsController_evaluate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EvaluateDecisionDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EvaluateDecisionResultDto"];
                };
            };
            /** @description INVALID_ARGUMENT */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description No or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description Administrators only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
        };
    };
    ProcessInstancesController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateProcessInstanceDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreateProcessInstanceResultDto"];
                };
            };
            /** @description INVALID_ARGUMENT */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description No or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description Administrators only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
        };
    };
    ProcessInstancesController_search: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SearchQueryDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProcessInstanceSearchResultDto"];
                };
            };
            /** @description INVALID_ARGUMENT */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description No or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description Administrators only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
        };
    };
    ProcessInstancesController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                processInstanceKey: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProcessInstanceResultDto"];
                };
            };
            /** @description INVALID_ARGUMENT */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description No or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description Administrators only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
        };
    };
    ProcessInstancesController_cancel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                processInstanceKey: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OperationReferenceDto"];
            };
        };
        responses: {
            /** @description Cancelled */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description INVALID_ARGUMENT */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description No or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description Administrators only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description INVALID_STATE */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
        };
    };
    ProcessInstancesController_migrate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                processInstanceKey: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MigrateProcessInstanceDto"];
            };
        };
        responses: {
            /** @description Migrated */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description INVALID_ARGUMENT */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description No or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description Administrators only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description INVALID_STATE */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
        };
    };
    JobsController_activate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ActivateJobsDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ActivateJobsResultDto"];
                };
            };
            /** @description INVALID_ARGUMENT */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description No or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description Administrators only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
        };
    };
    JobsController_complete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                jobKey: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CompleteJobDto"];
            };
        };
        responses: {
            /** @description Completed */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description INVALID_ARGUMENT */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description No or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description Administrators only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description INVALID_STATE */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
        };
    };
    JobsController_fail: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                jobKey: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FailJobDto"];
            };
        };
        responses: {
            /** @description Failed */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description INVALID_ARGUMENT */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description No or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description Administrators only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description INVALID_STATE */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
        };
    };
    JobsController_throwError: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                jobKey: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ThrowJobErrorDto"];
            };
        };
        responses: {
            /** @description Error thrown */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description INVALID_ARGUMENT */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description No or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description Administrators only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description INVALID_STATE */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
        };
    };
    JobsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                jobKey: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateJobDto"];
            };
        };
        responses: {
            /** @description Updated */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description INVALID_ARGUMENT */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description No or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description Administrators only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description INVALID_STATE */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
        };
    };
    UserTasksController_search: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SearchQueryDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserTaskSearchResultDto"];
                };
            };
            /** @description INVALID_ARGUMENT */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description No or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description Administrators only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
        };
    };
    UserTasksController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userTaskKey: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserTaskResultDto"];
                };
            };
            /** @description INVALID_ARGUMENT */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description No or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description Administrators only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
        };
    };
    UserTasksController_assign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userTaskKey: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AssignUserTaskDto"];
            };
        };
        responses: {
            /** @description Assigned */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description INVALID_ARGUMENT */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description No or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description Administrators only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description INVALID_STATE */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
        };
    };
    UserTasksController_unassign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userTaskKey: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Unassigned */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description INVALID_ARGUMENT */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description No or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description Administrators only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description INVALID_STATE */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
        };
    };
    UserTasksController_complete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userTaskKey: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CompleteUserTaskDto"];
            };
        };
        responses: {
            /** @description Completed */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description INVALID_ARGUMENT */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description No or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description Administrators only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description INVALID_STATE */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
        };
    };
    MessagesController_publish: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PublishMessageDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessagePublicationResultDto"];
                };
            };
            /** @description INVALID_ARGUMENT */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description No or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description Administrators only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
        };
    };
    MessagesController_correlate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CorrelateMessageDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageCorrelationResultDto"];
                };
            };
            /** @description INVALID_ARGUMENT */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description No or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description Administrators only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description NOT_FOUND: no subscription waits for the message */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
        };
    };
    SignalsController_broadcast: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BroadcastSignalDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignalBroadcastResultDto"];
                };
            };
            /** @description INVALID_ARGUMENT */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description No or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description Administrators only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
        };
    };
    IncidentsController_search: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SearchQueryDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IncidentSearchResultDto"];
                };
            };
            /** @description INVALID_ARGUMENT */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description No or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description Administrators only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
        };
    };
    IncidentsController_resolve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                incidentKey: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OperationReferenceDto"];
            };
        };
        responses: {
            /** @description Resolved */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description INVALID_ARGUMENT */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description No or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description Administrators only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description INVALID_STATE */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
        };
    };
    ElementInstancesController_search: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SearchQueryDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ElementInstanceSearchResultDto"];
                };
            };
            /** @description INVALID_ARGUMENT */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description No or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description Administrators only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
        };
    };
    VariablesController_search: {
        parameters: {
            query: {
                truncateValues: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SearchQueryDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VariableSearchResultDto"];
                };
            };
            /** @description INVALID_ARGUMENT */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description No or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
            /** @description Administrators only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailDto"];
                };
            };
        };
    };
}
