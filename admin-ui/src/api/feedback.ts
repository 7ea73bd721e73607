import { api } from './client.js';
import type { Answer, Schemas } from './contract.js';

/** Response types are the platform's DTOs (schema.d.ts, generated from its OpenAPI document). */
export type Feedback = Schemas['FeedbackDto'];
export type FileFeedback = Schemas['FileFeedbackDto'];
export type FileAnonymousFeedback = Schemas['FileAnonymousFeedbackDto'];

export const feedbackApi = {
  /** A signed-in citizen, about one of his dossiers or a procedure. */
  file: (body: FileFeedback) => api<Answer<'/api/feedback', 'post'>>('/api/feedback', { method: 'POST', json: body }),
  /** Anyone, with a name and a contact. */
  fileAnonymously: (body: FileAnonymousFeedback) => api<Answer<'/api/public/feedback', 'post'>>('/api/public/feedback', { method: 'POST', json: body }),
  mine: () => api<Answer<'/api/feedback/mine', 'get'>>('/api/feedback/mine'),
  list: (show: 'all' | 'unanswered') => api<Answer<'/api/feedback', 'get'>>(`/api/feedback?show=${show}`),
  answer: (id: string, answer: string) => api<Answer<'/api/feedback/{id}/answer', 'post'>>(`/api/feedback/${encodeURIComponent(id)}/answer`, { method: 'POST', json: { answer } }),
};
