import { Route, Routes } from 'react-router';
import { NotFound, RequireArea } from '../../shell/common.js';
import { Catalogue } from './Catalogue.js';
import FeedbackPage from './Feedback.js';
import Lookup from './Lookup.js';
import { MyDossier, MyDossiers } from './MyDossiers.js';
import ProcedurePage from './ProcedurePage.js';
import SubmitPage from './SubmitPage.js';

/** The citizens' portal: public catalogue, procedure pages and lookup; submission and own dossiers after sign-in. */
export default function PortalArea() {
  return (
    <Routes>
      <Route index element={<Catalogue />} />
      <Route path="thu-tuc/:slug" element={<ProcedurePage />} />
      <Route path="tra-cuu" element={<Lookup />} />
      <Route path="phan-anh" element={<FeedbackPage />} />
      <Route path="thu-tuc/:slug/nop" element={<RequireArea area="portal" reason="submit.signInReason"><SubmitPage /></RequireArea>} />
      <Route path="ho-so" element={<RequireArea area="portal" reason="portal.signInReason"><MyDossiers /></RequireArea>} />
      <Route path="ho-so/:id" element={<RequireArea area="portal"><MyDossier /></RequireArea>} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
