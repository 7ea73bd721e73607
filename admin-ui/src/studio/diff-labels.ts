import { bpmnJsVi } from '../i18n/bpmn-js.vi.js';
import { formEditorVi } from '../i18n/form-editor.vi.js';

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

/** form-js field types by the name the form editor's palette gives them (form-js-viewer's field configs). */
const FIELD_TYPES: Record<string, string> = {
  textfield: 'Text field',
  textarea: 'Text area',
  number: 'Number',
  datetime: 'Date time',
  expression: 'Expression',
  filepicker: 'File picker',
  checkbox: 'Checkbox',
  checklist: 'Checkbox group',
  radio: 'Radio group',
  select: 'Select',
  taglist: 'Tag list',
  text: 'Text view',
  image: 'Image view',
  table: 'Table',
  html: 'HTML view',
  documentPreview: 'Document preview',
  spacer: 'Spacer',
  separator: 'Separator',
  group: 'Group',
  dynamiclist: 'Dynamic list',
  iframe: 'iFrame',
  button: 'Button',
};

/** A form field's type ("textfield") as the form editor's palette names it ("Ô nhập chữ"). */
export function fieldTypeLabel(type: string, vietnamese: boolean): string {
  const english = FIELD_TYPES[type] ?? type;
  return (vietnamese && formEditorVi[english]) || english;
}
