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

/** A replacement text with `$1`… for the matched values, or a function of the matched values. */
type Replacement = string | ((...values: string[]) => string);

/** The job-carrying elements as the platform's rules name them (engine/src/procedures/lint/platform-rules.ts). */
const JOB_ELEMENTS: Record<string, string> = {
  'service task': 'Tác vụ dịch vụ',
  'send task': 'Tác vụ gửi',
  'message throw event': 'Sự kiện gửi thông điệp',
  'message end event': 'Sự kiện kết thúc gửi thông điệp',
};
const JOB = '(service task|send task|message throw event|message end event)';

const TIMER_KINDS: Record<string, string> = { duration: 'khoảng thời gian', date: 'thời điểm', cycle: 'chu kỳ' };

const NO_PRODUCER = 'which no form field, worker output, output mapping or start variable produces';
const NO_PRODUCER_VI = 'mà không biểu mẫu, bộ xử lý hay ánh xạ nào tạo ra';

/** "3 working days 4 working hours", as formatHours writes a working time (engine/src/procedures/lint/working-duration.ts). */
function workingTimeVi(text: string): string {
  return text.replace(/(\d+(?:\.\d+)?) working days?/g, '$1 ngày làm việc').replace(/(\d+(?:\.\d+)?) working hours?/g, '$1 giờ làm việc');
}

/** A form component as the form rules name it: by its id, or by its place in the schema. */
function componentVi(text: string): string {
  return text.replace(/^component '(.+)'$/, "thành phần '$1'");
}

/** Patterns, tried in order; `$1`… are the matched values (element types, names, expressions). */
const PATTERNS: [RegExp, Replacement][] = [
  // Camunda's compatibility rules (bpmnlint-plugin-camunda-compat/rules): the specific shapes before the general ones.
  [/^Element of type <(.+)> with event definition of type <(.+)> only allowed by Camunda (.+) or newer$/, 'Phần tử loại <$1> với định nghĩa sự kiện <$2> chỉ dùng được từ Camunda $3'],
  [/^Element of type <(.+)> with no event definition only allowed by Camunda (.+) or newer$/, 'Phần tử loại <$1> không có định nghĩa sự kiện chỉ dùng được từ Camunda $2'],
  [/^Element of type <(.+)> only allowed by Camunda (.+) or newer$/, 'Phần tử loại <$1> chỉ dùng được từ Camunda $2'],
  [/^FEEL function <(.+)> requires Camunda (.+)$/, 'Hàm FEEL <$1> cần Camunda $2'],
  [/^Element of type <(.+)> with event definition of type <(.+)> not allowed$/, 'Không được dùng phần tử loại <$1> với định nghĩa sự kiện <$2>'],
  [/^Element of type <(.+)> with no event definition not allowed$/, 'Không được dùng phần tử loại <$1> không có định nghĩa sự kiện'],
  [/^Element of type <(.+)> must have one property <incoming> of type <bpmn:SequenceFlow>$/, 'Phần tử loại <$1> phải có đúng một luồng vào'],
  [/^Multiple elements of type <bpmn:StartEvent> with no event definition not allowed as children of <bpmn:Process>$/, 'Một quy trình không được có nhiều sự kiện bắt đầu loại trống'],
  [/^Element of type <bpmn:ReceiveTask> not allowed as event-based gateway target$/, 'Tác vụ nhận không được là đích của cổng theo sự kiện'],
  [/^Property <conditionExpression> only allowed if source is of type <bpmn:ExclusiveGateway> or <bpmn:InclusiveGateway>$/, 'Chỉ luồng ra từ cổng loại trừ hoặc cổng bao hàm mới được có điều kiện'],
  [/^Embedded forms on start events are deprecated; use a linked form instead$/, 'Biểu mẫu nhúng ở sự kiện bắt đầu không còn được hỗ trợ; hãy chọn một biểu mẫu của gói'],
  [/^Expression value of <(.+)> not allowed$/, 'Giá trị <$1> không hợp lệ ở đây'],
  [/^Property value of <(.+)> not allowed$/, 'Giá trị thuộc tính <$1> không hợp lệ'],
  [/^Property <(.+)> of type <(.+)> not allowed$/, 'Không được dùng thuộc tính <$1> loại <$2>'],
  [/^Property <(.+)> not allowed$/, 'Không được dùng thuộc tính <$1>'],
  [/^Extension element of type <(.+)> not allowed$/, 'Không được dùng phần mở rộng loại <$1>'],
  [/^Properties of type <(.+)> have property <(.+)> with duplicate value of <(.+)>$/, 'Các thuộc tính loại <$1> có <$2> trùng giá trị <$3>'],
  [/^Properties of type <(.+)> have properties with duplicate values \((.+)\)$/, 'Các thuộc tính loại <$1> có giá trị trùng nhau ($2)'],
  [/^A <(.+)> must be expanded$/, 'Phần tử <$1> phải ở dạng mở rộng'],
  [/^Loop detected: (.+)$/, 'Phát hiện vòng lặp: $1'],
  [/^Process is missing start event$/, 'Quy trình thiếu sự kiện bắt đầu'],
  [/^(.+) is missing start event$/, '$1 thiếu sự kiện bắt đầu'],
  [/^(.+) is missing end event$/, '$1 thiếu sự kiện kết thúc'],
  [/^(.+) has multiple blank start events$/, '$1 có nhiều sự kiện bắt đầu loại trống'],
  [/^Element type <(.+)> is discouraged$/, 'Không nên dùng loại phần tử <$1>'],
  [/^Element of type <(.+)> must have property <(.+)> if it has property <(.+)>$/, 'Phần tử loại <$1> phải có thuộc tính <$2> khi có thuộc tính <$3>'],
  [/^Element of type <(.+)> must have property (.+)$/, 'Phần tử loại <$1> phải có thuộc tính $2'],
  [/^Element of type <(.+)> must have one extension element of type (.+)$/, 'Phần tử loại <$1> phải có một phần mở rộng loại $2'],
  [/^Element of type <(.+)> is not supported by (.+)$/, 'Phần tử loại <$1> không được $2 hỗ trợ'],
  [/^Element of type <(.+)> not allowed$/, 'Không được dùng phần tử loại <$1>'],
  [/^Property <(.+)> must have value of <(.+)>$/, 'Thuộc tính <$1> phải có giá trị <$2>'],
  [/^Property <(.+)> must have expression value$/, 'Thuộc tính <$1> phải là biểu thức'],
  [/^Property <(.+)> is not a valid FEEL expression$/, 'Thuộc tính <$1> không phải biểu thức FEEL hợp lệ'],
  [/^Property value of <(.+)> must not contain spaces$/, 'Giá trị của thuộc tính <$1> không được chứa dấu cách'],
  [/^Duplicate link catch event with link name <(.+)> in scope$/, 'Trùng sự kiện nhận liên kết tên <$1> trong cùng phạm vi'],
  [/^Link (catch|throw) event with link name <(.+)> missing in scope$/, 'Thiếu sự kiện liên kết tên <$2> trong cùng phạm vi'],
  // The platform's own rules (engine/src/procedures/lint/platform-rules.ts, form-rules.ts, decision-rules.ts, template-rules.ts).
  [/^mainProcess '(.+)' is not an executable process of the bundle's models \(found: (.*)\)$/, (id, found) => `Quy trình chính '${id}' (mainProcess) không phải quy trình thực thi nào trong các mô hình của gói (có: ${found === 'none' ? 'không có' : found})`],
  [/^form id '(.+)' is also used by (.+)$/, "Mã biểu mẫu '$1' đã được dùng ở $2"],
  [/^applicationForm '(.+)' is not the id of a form of the bundle \((.*)\)$/, (id, forms) => `Tờ khai '${id}' (applicationForm) không phải mã của biểu mẫu nào trong gói (${forms === 'no forms' ? 'không có biểu mẫu' : forms})`],
  [/^form '(.+)' is neither the application form nor used by any user task$/, "Biểu mẫu '$1' không phải tờ khai và không được tác vụ nào dùng"],
  [/^user task (.+) has no candidate groups; name one or more of: (.+)$/, 'Tác vụ người dùng $1 chưa có nhóm được nhận việc; chọn một hoặc nhiều nhóm: $2'],
  [/^user task (.+) computes its candidate groups \((.+)\); they cannot be checked before a dossier runs$/, 'Tác vụ người dùng $1 tính nhóm được nhận việc bằng biểu thức ($2); chỉ kiểm tra được khi hồ sơ chạy'],
  [/^user task (.+) names candidate groups? (.+) that (?:is not a platform role|are not platform roles) \((.+)\)$/, 'Tác vụ người dùng $1 giao cho nhóm $2 không phải vai trò của hệ thống (các vai trò: $3)'],
  [/^user task (.+) has no form \(zeebe:formDefinition formId\)$/, 'Tác vụ người dùng $1 chưa có biểu mẫu (mã biểu mẫu)'],
  [/^user task (.+) references the form '(.+)' by form key or external reference; reference a form of the bundle by formId$/, "Tác vụ người dùng $1 dẫn đến biểu mẫu '$2' bằng form key hoặc tham chiếu ngoài; hãy chọn một biểu mẫu của gói thủ tục"],
  [/^user task (.+) references the form '(.+)', which no form of the bundle has as its id \((.+)\)$/, (task, form, forms) => `Tác vụ người dùng ${task} dùng biểu mẫu '${form}' nhưng gói thủ tục không có biểu mẫu nào mang mã đó (${forms === 'no forms' ? 'không có biểu mẫu' : forms})`],
  [/^user task (.+) has no 'stepDuration' task header \(its allotted working time, e\.g\. P1D or PT4H\)$/, "Tác vụ người dùng $1 chưa có tham số 'stepDuration' (thời gian xử lý của bước, ví dụ P1D hoặc PT4H)"],
  [/^user task (.+): stepDuration '(.*)' is not a working-time duration \(.+\)$/, "Tác vụ người dùng $1: thời gian xử lý '$2' không phải khoảng thời gian làm việc (ISO 8601 theo ngày, giờ hoặc phút, ví dụ P2D, PT4H, P1DT4H)"],
  [/^user task (.+) must be a Camunda user task \(zeebe:userTask\); .+$/, 'Tác vụ người dùng $1 phải là tác vụ người dùng Camunda (zeebe:userTask)'],
  [new RegExp(`^${JOB} (.+) computes its job type \\((.+)\\); no worker can be checked for it$`), (kind, name, type) => `${JOB_ELEMENTS[kind]} ${name} tính loại công việc bằng biểu thức (${type}); chỉ kiểm tra được bộ xử lý khi hồ sơ chạy`],
  [new RegExp(`^${JOB} (.+) has job type '(.+)', for which the platform registers no worker \\((.+)\\)$`), (kind, name, type, types) => `${JOB_ELEMENTS[kind]} ${name} dùng loại công việc '${type}' mà hệ thống không có bộ xử lý (các loại: ${types})`],
  [new RegExp(`^${JOB} (.+) \\((.+)\\) lacks the task header '(.+)'$`), (kind, name, type, header) => `${JOB_ELEMENTS[kind]} ${name} (${type}) thiếu tham số tác vụ '${header}'`],
  [new RegExp(`^${JOB} (.+): header '(.+)' is '(.*)'; expected one of (.+)$`), (kind, name, header, value, values) => `${JOB_ELEMENTS[kind]} ${name}: tham số '${header}' là '${value}', phải là một trong: ${values}`],
  [new RegExp(`^${JOB} (.+) renders the template '(.+)', which is neither (.+) nor a shared template of the bundle$`), (kind, name, template, file) => `${JOB_ELEMENTS[kind]} ${name} in mẫu văn bản '${template}' nhưng gói thủ tục không có tệp ${file} hay mẫu dùng chung nào tên đó`],
  [new RegExp(`^${JOB} (.+) requests the fee '(.+)', which procedure.json's fees do not define$`), (kind, name, fee) => `${JOB_ELEMENTS[kind]} ${name} thu khoản phí '${fee}' nhưng danh mục phí, lệ phí của thủ tục không có khoản này`],
  [new RegExp(`^${JOB} (.+): deadlineDays '(.*)' is not a number of working days$`), (kind, name, days) => `${JOB_ELEMENTS[kind]} ${name}: thời hạn trả lời '${days}' không phải số ngày làm việc`],
  [/^sequence flow (.+) has the condition '(.*)', which is not a FEEL expression \(it must start with '='\)$/, "Luồng tuần tự $1 có điều kiện '$2' không phải biểu thức FEEL (phải bắt đầu bằng '=')"],
  [/^sequence flow (.+): the condition '(.*)' is not valid FEEL$/, "Luồng tuần tự $1: điều kiện '$2' không phải biểu thức FEEL hợp lệ"],
  [new RegExp(`^sequence flow (.+) reads the variable '(.+)', ${NO_PRODUCER}$`), `Luồng tuần tự $1 đọc biến '$2' ${NO_PRODUCER_VI}`],
  [/^timer (.+) has an empty time (duration|date|cycle)$/, (name, kind) => `Bộ hẹn giờ ${name} chưa có ${TIMER_KINDS[kind]}`],
  [/^timer (.+): the time (duration|date|cycle) '(.*)' is not valid FEEL$/, (name, kind, value) => `Bộ hẹn giờ ${name}: ${TIMER_KINDS[kind]} '${value}' không phải biểu thức FEEL hợp lệ`],
  [new RegExp(`^timer (.+) reads the variable '(.+)', ${NO_PRODUCER}$`), `Bộ hẹn giờ $1 đọc biến '$2' ${NO_PRODUCER_VI}`],
  [/^timer (.+): '(.*)' is not a valid cron expression: (.+)$/, "Bộ hẹn giờ $1: '$2' không phải biểu thức cron hợp lệ: $3"],
  [/^timer (.+): '(.*)' is not an ISO 8601 duration such as PT4H or P2D$/, "Bộ hẹn giờ $1: '$2' không phải khoảng thời gian ISO 8601 (ví dụ PT4H hoặc P2D)"],
  [/^timer (.+): '(.*)' is not an ISO 8601 date-time with an offset, e\.g\. (.+)$/, "Bộ hẹn giờ $1: '$2' không phải thời điểm ISO 8601 có múi giờ (ví dụ $3)"],
  [/^timer (.+): '(.*)' is not an ISO 8601 repeating interval such as (.+), or a six-field cron expression such as (.+)$/, "Bộ hẹn giờ $1: '$2' không phải chu kỳ ISO 8601 (ví dụ $3) hay biểu thức cron sáu trường (ví dụ $4)"],
  [
    /^the step deadlines along the longest path add up to (.+), more than the (reduced|legal) processing time of (.+?): (.+)$/,
    (total, which, limit, path) =>
      `Tổng thời gian xử lý các bước trên nhánh dài nhất là ${workingTimeVi(total)}, vượt thời hạn giải quyết ${which === 'reduced' ? 'đã rút ngắn' : 'theo quy định'} ${workingTimeVi(limit)}: ${path}`,
  ],
  [
    /^(.+) calls the decision '(.+)', which no decisions\/\*\.dmn of the bundle contains \(decisions: (.*)\); add its DMN file to procedure\.json's decisions$/,
    (name, id, known) => `${name} gọi bảng quyết định '${id}' nhưng không tệp decisions/*.dmn nào của gói chứa bảng này (các bảng: ${known === 'none' ? 'không có' : known}); hãy thêm tệp DMN vào mục decisions của procedure.json`,
  ],
  [/^the Handlebars template does not compile: (.+)$/, 'Mẫu văn bản (Handlebars) không dịch được: $1'],
  [/^not valid JSON: (.+)$/, 'Không phải JSON hợp lệ: $1'],
  [/^a form-js schema is a JSON object$/, 'Biểu mẫu form-js phải là một đối tượng JSON'],
  [/^the form has no "id"; user tasks reference forms by it \(zeebe:formDefinition formId\)$/, 'Biểu mẫu chưa có "id"; tác vụ người dùng chọn biểu mẫu theo mã này'],
  [/^the root "type" must be "default", found (.+)$/, 'Thuộc tính "type" ở gốc phải là "default", đang là $1'],
  [/^the form has no "components" array$/, 'Biểu mẫu không có mảng "components"'],
  [/^(.+) has no "type"$/, (at) => `${componentVi(at)} chưa có "type"`],
  [/^(.+) has the unknown component type '(.+)'$/, (name, type) => `${componentVi(name)} có loại thành phần không xác định '${type}'`],
  [/^(.+) \((.+)\) has no "key": its value would not reach the process$/, (name, type) => `${componentVi(name)} (${type}) chưa có "key": giá trị nhập vào sẽ không đến được quy trình`],
  [/^the key '(.+)' is used by both (.+) and (.+); keys must be unique$/, (key, a, b) => `Khóa '${key}' được dùng ở cả ${componentVi(a)} và ${componentVi(b)}; mỗi khóa chỉ được dùng một lần`],
  [/^(.+) \(dynamiclist\) has no "path"$/, (name) => `${componentVi(name)} (danh sách động) chưa có "path"`],
];

/**
 * Messages written by a parser (bpmn-moddle, dmn-moddle) rather than by a rule: its own words stay,
 * after a Vietnamese statement of what could not be read.
 */
const PARSER_RULES: Record<string, string> = {
  'platform/bpmn-xml': 'Không đọc được mô hình BPMN',
  'platform/dmn': 'Không đọc được bảng quyết định DMN',
};

/**
 * The Vietnamese text of a lint message, or undefined when neither a text nor a pattern knows it.
 * With the rule, a parser's message is introduced in Vietnamese.
 */
export function lintMessageVi(message: string, rule?: string): string | undefined {
  const exact = EXACT[message];
  if (exact) return exact;
  for (const [pattern, replacement] of PATTERNS) {
    const match = pattern.exec(message);
    if (!match) continue;
    return typeof replacement === 'string' ? message.replace(pattern, replacement) : replacement(...match.slice(1));
  }
  const parser = rule ? PARSER_RULES[rule] : undefined;
  return parser ? `${parser}: ${message}` : undefined;
}
