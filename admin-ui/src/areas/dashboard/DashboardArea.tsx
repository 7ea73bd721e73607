import { Route, Routes } from 'react-router';
import { NotFound } from '../../shell/common.js';
import { AgencyDossier } from '../officer/AgencyDossiers.js';
import Dashboard from './Dashboard.js';
import FeedbackList from './FeedbackList.js';

/** Supervisors' area: the figures, and any dossier they drill down to (read-only). */
export default function DashboardArea() {
  return (
    <Routes>
      <Route index element={<Dashboard />} />
      <Route path="phan-anh" element={<FeedbackList />} />
      <Route path="ho-so/:id" element={<AgencyDossier backTo="/dashboard" />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
