/** The provider's pages, in Vietnamese, self-contained (no external fonts or scripts). */

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;background:#f2f4f7;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1f2933}
main{width:100%;max-width:380px;background:#fff;border-radius:8px;box-shadow:0 1px 4px rgba(0,0,0,.12);padding:32px}
header{text-align:center;margin-bottom:24px}
header .org{font-size:13px;text-transform:uppercase;letter-spacing:.04em;color:#9b1c1c;font-weight:600}
h1{font-size:20px;margin:8px 0 0}
label{display:block;font-size:14px;font-weight:600;margin:16px 0 6px}
input{width:100%;padding:10px 12px;font-size:15px;border:1px solid #cbd2d9;border-radius:4px}
input:focus{outline:2px solid #2563eb;border-color:#2563eb}
button{width:100%;margin-top:24px;padding:11px;font-size:15px;font-weight:600;color:#fff;background:#1d4ed8;border:0;border-radius:4px;cursor:pointer}
button.secondary{margin-top:10px;background:#fff;color:#1f2933;border:1px solid #cbd2d9}
button.vneid{margin-top:0;background:#c8102e}
.divider{display:flex;align-items:center;gap:8px;margin:20px 0 0;font-size:13px;color:#616e7c}
.divider::before,.divider::after{content:"";flex:1;border-top:1px solid #e4e7eb}
.error{margin:0 0 8px;padding:10px 12px;border-radius:4px;background:#fdecec;color:#9b1c1c;font-size:14px}
p{line-height:1.5}
`;

function layout(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – Hệ thống một cửa</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header><div class="org">Hệ thống thông tin giải quyết thủ tục hành chính</div><h1>${escapeHtml(title)}</h1></header>
${body}
</main>
</body>
</html>`;
}

export interface LoginPage {
  action: string;
  abortAction: string;
  /** Where the "Đăng nhập bằng VNeID" button posts; absent when VNeID sign-in is off. */
  vneidAction?: string;
  username?: string;
  error?: string;
}

export function loginPage({ action, abortAction, vneidAction, username, error }: LoginPage): string {
  // Citizens sign in with VNeID; officers keep their username and password below.
  const vneid = vneidAction
    ? `<form method="post" action="${escapeHtml(vneidAction)}"><button type="submit" class="vneid">Đăng nhập bằng VNeID</button></form>
<div class="divider">hoặc bằng tài khoản của hệ thống</div>`
    : '';
  return layout(
    'Đăng nhập',
    `${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}${vneid}
<form method="post" action="${escapeHtml(action)}" autocomplete="on">
<label for="username">Tên đăng nhập</label>
<input id="username" name="username" required autocomplete="username" value="${escapeHtml(username ?? '')}"${username ? '' : ' autofocus'}>
<label for="password">Mật khẩu</label>
<input id="password" name="password" type="password" required autocomplete="current-password"${username ? ' autofocus' : ''}>
<button type="submit">Đăng nhập</button>
</form>
<form method="post" action="${escapeHtml(abortAction)}"><button type="submit" class="secondary">Hủy</button></form>`,
  );
}

/** The provider hands over a ready-made form (hidden inputs); the page only adds the question and buttons. */
export function logoutPage(form: string): string {
  return layout(
    'Đăng xuất',
    `<p>Bạn có muốn đăng xuất khỏi hệ thống?</p>
${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>Đăng xuất</button>
<button type="submit" form="op.logoutForm" class="secondary">Không, giữ đăng nhập</button>`,
  );
}

export function loggedOutPage(): string {
  return layout('Đã đăng xuất', '<p>Bạn đã đăng xuất khỏi hệ thống. Có thể đóng cửa sổ này.</p>');
}

export function errorPage(error: string, description?: string): string {
  return layout(
    'Không thể đăng nhập',
    `<p class="error" role="alert">${escapeHtml(description ?? error)}</p>
<p>Vui lòng quay lại trang dịch vụ và thử lại. Nếu lỗi tiếp diễn, hãy liên hệ bộ phận hỗ trợ kèm mã lỗi <code>${escapeHtml(error)}</code>.</p>`,
  );
}
