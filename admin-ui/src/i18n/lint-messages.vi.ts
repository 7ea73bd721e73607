/**
 * Lint messages in Vietnamese: bpmnlint's recommended rules, the shapes of Camunda's compatibility
 * rules, and the platform's own rules. Messages carry element types and values, so besides exact
 * texts there are patterns; a message no entry knows stays as the linter wrote it.
 */

const EXACT: Record<string, string> = {
  'Element is missing label/name': 'Phần tử chưa có tên',
  'Element is missing name': 'Phần tử chưa có tên',
  'Element is not connected': 'Phần tử chưa được nối với luồng nào',
  'Element is unused': 'Phần tử không được dùng',
  'Element name is not unique': 'Tên phần tử bị trùng',
  'Element is an implicit end': 'Phần tử là điểm kết thúc ngầm (thiếu sự kiện kết thúc)',
  'Element is an implicit start': 'Phần tử là điểm bắt đầu ngầm (thiếu sự kiện bắt đầu)',
  'Element is missing bpmndi': 'Phần tử thiếu thông tin hiển thị (bpmndi)',
  'Element is outside of parent boundary': 'Phần tử nằm ngoài khung của phần tử cha',
  'Element overlaps with other element': 'Phần tử chồng lên phần tử khác',
  'Event has multiple event definitions': 'Sự kiện có nhiều định nghĩa sự kiện',
  'Flow splits implicitly': 'Luồng tách nhánh ngầm (nên dùng cổng)',
  'Gateway forks and joins': 'Cổng vừa tách vừa gộp luồng',
  'Gateway is superfluous. It only has one source and target.': 'Cổng thừa: chỉ có một luồng vào và một luồng ra.',
  'Incoming flows do not join': 'Các luồng vào không được gộp (nên dùng cổng)',
  'Link event is missing link name': 'Sự kiện liên kết chưa có tên liên kết',
  'Sequence flow has superfluous label': 'Luồng tuần tự có nhãn thừa',
  'Sequence flow is missing condition': 'Luồng tuần tự thiếu điều kiện',
  'SequenceFlow is a duplicate': 'Luồng tuần tự bị trùng',
  'Duplicate incoming sequence flows': 'Luồng vào bị trùng',
  'Duplicate outgoing sequence flows': 'Luồng ra bị trùng',
  'Start event is missing event definition': 'Sự kiện bắt đầu thiếu định nghĩa sự kiện',
  'Start event must be blank': 'Sự kiện bắt đầu phải là loại trống',
  'Termination is superfluous.': 'Sự kiện kết thúc toàn bộ là thừa.',
  'Conditional event is missing a condition': 'Sự kiện điều kiện chưa có điều kiện',
  'A <Sequence Flow> outgoing from an <Event-based Gateway> must not be conditional': 'Luồng ra từ cổng theo sự kiện không được có điều kiện',
  'An <Event-based Gateway> must have at least 2 outgoing <Sequence Flows>': 'Cổng theo sự kiện phải có ít nhất 2 luồng ra',
};

/** Patterns, tried in order; `$1`… are the matched values (element types, names, expressions). */
const PATTERNS: [RegExp, string][] = [
  [/^Process is missing start event$/, 'Quy trình thiếu sự kiện bắt đầu'],
  [/^(.+) is missing start event$/, '$1 thiếu sự kiện bắt đầu'],
  [/^(.+) is missing end event$/, '$1 thiếu sự kiện kết thúc'],
  [/^(.+) has multiple blank start events$/, '$1 có nhiều sự kiện bắt đầu loại trống'],
  [/^Element type <(.+)> is discouraged$/, 'Không nên dùng loại phần tử <$1>'],
  [/^Element of type <(.+)> must have property (.+)$/, 'Phần tử loại <$1> phải có thuộc tính $2'],
  [/^Element of type <(.+)> must have one extension element of type (.+)$/, 'Phần tử loại <$1> phải có một phần mở rộng loại $2'],
  [/^Element of type <(.+)> must have property <(.+)> if it has property <(.+)>$/, 'Phần tử loại <$1> phải có thuộc tính <$2> khi có thuộc tính <$3>'],
  [/^Element of type <(.+)> is not supported by (.+)$/, 'Phần tử loại <$1> không được $2 hỗ trợ'],
  [/^Element of type <(.+)> not allowed$/, 'Không được dùng phần tử loại <$1>'],
  [/^Property <(.+)> must have value of <(.+)>$/, 'Thuộc tính <$1> phải có giá trị <$2>'],
  [/^Property <(.+)> must have expression value$/, 'Thuộc tính <$1> phải là biểu thức'],
  [/^Property <(.+)> is not a valid FEEL expression$/, 'Thuộc tính <$1> không phải biểu thức FEEL hợp lệ'],
  [/^Property value of <(.+)> must not contain spaces$/, 'Giá trị của thuộc tính <$1> không được chứa dấu cách'],
  [/^Duplicate link catch event with link name <(.+)> in scope$/, 'Trùng sự kiện nhận liên kết tên <$1> trong cùng phạm vi'],
  [/^Link (catch|throw) event with link name <(.+)> missing in scope$/, 'Thiếu sự kiện liên kết tên <$2> trong cùng phạm vi'],
  // The platform's own rules (engine/src/procedures/lint/platform-rules.ts).
  [/^user task (.+) has no candidate groups; name one or more of: (.+)$/, 'Tác vụ người dùng $1 chưa có nhóm được nhận việc; chọn một hoặc nhiều nhóm: $2'],
  [/^user task (.+) has no form \(zeebe:formDefinition formId\)$/, 'Tác vụ người dùng $1 chưa có biểu mẫu (mã biểu mẫu)'],
  [/^user task (.+) references the form '(.+)', which no form of the bundle has as its id \((.+)\)$/, "Tác vụ người dùng $1 dùng biểu mẫu '$2' nhưng gói thủ tục không có biểu mẫu nào mang mã đó ($3)"],
  [/^user task (.+) has no 'stepDuration' task header \(its allotted working time, e\.g\. P1D or PT4H\)$/, "Tác vụ người dùng $1 chưa có tham số 'stepDuration' (thời gian xử lý của bước, ví dụ P1D hoặc PT4H)"],
  [/^user task (.+) must be a Camunda user task \(zeebe:userTask\); .+$/, 'Tác vụ người dùng $1 phải là tác vụ người dùng Camunda (zeebe:userTask)'],
  [/^(service task|send task|message throw event|message end event) (.+) has job type '(.+)', for which the platform registers no worker \((.+)\)$/, "$2 dùng loại công việc '$3' mà nền tảng không có bộ xử lý ($4)"],
  [/^(service task|send task|message throw event|message end event) (.+) \((.+)\) lacks the task header '(.+)'$/, "$2 ($3) thiếu tham số tác vụ '$4'"],
  [/^sequence flow (.+) reads the variable '(.+)', which no form field, worker output, output mapping or start variable produces$/, "Luồng tuần tự $1 đọc biến '$2' mà không biểu mẫu, bộ xử lý hay ánh xạ nào tạo ra"],
  [/^form '(.+)' is neither the application form nor used by any user task$/, "Biểu mẫu '$1' không phải tờ khai và không được tác vụ nào dùng"],
];

/** The Vietnamese text of a lint message, or undefined when neither a text nor a pattern knows it. */
export function lintMessageVi(message: string): string | undefined {
  const exact = EXACT[message];
  if (exact) return exact;
  for (const [pattern, replacement] of PATTERNS) if (pattern.test(message)) return message.replace(pattern, replacement);
  return undefined;
}
