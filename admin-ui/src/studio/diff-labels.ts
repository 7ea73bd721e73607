import { bpmnJsVi } from '../i18n/bpmn-js.vi.js';

/** The element properties the server's diff compares (engine/src/procedures/bundle-diff.ts), as the properties panel names them. */
const PROPERTY_VI: Record<string, string> = {
  type: 'Loại phần tử',
  name: 'Tên',
  source: 'Từ phần tử',
  target: 'Tới phần tử',
  condition: 'Điều kiện',
  attachedTo: 'Gắn vào',
  eventDefinition: 'Loại sự kiện',
  timer: 'Hẹn giờ',
  message: 'Thông điệp',
  taskType: 'Loại công việc (job type)',
  retries: 'Số lần thử lại',
  headers: 'Tham số tác vụ (header)',
  zeebeUserTask: 'Tác vụ người dùng Camunda',
  formId: 'Mã biểu mẫu',
  otherForm: 'Biểu mẫu bên ngoài',
  candidateGroups: 'Nhóm được nhận việc',
  candidateUsers: 'Người được nhận việc',
  assignee: 'Người được giao',
  inputs: 'Ánh xạ đầu vào',
  outputs: 'Ánh xạ đầu ra',
  multiInstance: 'Nhiều phiên bản',
  calledProcessId: 'Quy trình được gọi',
  resultVariable: 'Biến kết quả',
};

/** A BPMN type of the diff ("UserTask") as the panel header names it ("Tác vụ người dùng"). */
export function elementTypeLabel(type: string, vietnamese: boolean): string {
  if (!vietnamese) return type;
  return bpmnJsVi[type.replace(/\B([A-Z])/g, ' $1')] ?? type;
}

export function elementPropertyLabel(property: string, vietnamese: boolean): string {
  return (vietnamese && PROPERTY_VI[property]) || property;
}
