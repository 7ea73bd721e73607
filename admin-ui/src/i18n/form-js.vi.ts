/**
 * form-js's own texts in Vietnamese, keyed by the English text of form-js 1.23. Validation messages
 * say what to do without quoting the raw pattern: an analyst who wants a precise message sets the
 * field's "patternErrorMessage" in the form, and form-js shows it instead.
 */
export const formJsVi: Readonly<Record<string, string>> = {
  'Field is required.': 'Vui lòng nhập thông tin này.',
  'Field must match pattern {pattern}.': 'Giá trị chưa đúng định dạng.',
  'Field must have minimum value of {min}.': 'Giá trị nhỏ nhất là {min}.',
  'Field must have maximum value of {max}.': 'Giá trị lớn nhất là {max}.',
  'Field must have minimum length of {minLength}.': 'Cần ít nhất {minLength} ký tự.',
  'Field must have maximum length of {maxLength}.': 'Tối đa {maxLength} ký tự.',
  'Field must be a valid  international phone number. (e.g. +4930664040900)': 'Số điện thoại chưa đúng (ví dụ: +84912345678).',
  'Field must be a valid email.': 'Địa chỉ thư điện tử chưa đúng.',
  'Date and time must both be entered.': 'Vui lòng nhập cả ngày và giờ.',
  'Select': 'Chọn',
  'Search': 'Tìm',
  'No results': 'Không có kết quả',
  'All values selected': 'Đã chọn tất cả',
  'Skip to search': 'Chuyển tới ô tìm',
  'Remove tag': 'Bỏ mục này',
  'Nothing to show.': 'Không có dữ liệu.',
  'No content to show.': 'Không có nội dung.',
  'Previous page': 'Trang trước',
  'Next page': 'Trang sau',
  'Increment': 'Tăng',
  'Decrement': 'Giảm',
  'Browse': 'Chọn tệp',
  'No files selected': 'Chưa chọn tệp',
  '{count} files selected': 'Đã chọn {count} tệp',
  'Expand all ({count})': 'Mở tất cả ({count})',
  'Collapse': 'Thu gọn',
  'Remove list item {index}': 'Xóa mục {index}',
  'Powered by bpmn.io': 'Biểu mẫu dựng bằng bpmn.io',
  'Web-based tooling for BPMN, DMN, and forms powered by': 'Công cụ BPMN, DMN và biểu mẫu trên web của',
  'dd/mm/yyyy': 'ngày/tháng/năm',
};
