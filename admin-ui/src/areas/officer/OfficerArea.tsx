import { Route, Routes } from 'react-router';
import { NotFound } from '../../shell/common.js';
import { AgencyDossier, AgencyDossiers } from './AgencyDossiers.js';
import Consultations from './Consultations.js';
import TaskPage from './TaskPage.js';
import Worklist from './Worklist.js';

/** The officers' workspace (one lazily loaded chunk): worklist, a step of a dossier, the agency's dossiers, consultations. */
export default function OfficerArea() {
  return (
    <Routes>
      <Route index element={<Worklist />} />
      <Route path="viec/:key" element={<TaskPage />} />
      <Route path="ho-so" element={<AgencyDossiers />} />
      <Route path="ho-so/:id" element={<AgencyDossier />} />
      <Route path="lay-y-kien" element={<Consultations />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
