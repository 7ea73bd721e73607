import type { SandboxPaymentView } from './sandbox-bank.js';

/** Pages of the sandbox bank and of a payment that cannot go on, in Vietnamese. */

const money = (amount: number) => `${amount.toLocaleString('vi-VN')} đồng`;

export function sandboxBankPage(view: SandboxPaymentView, actionPath: string): string {
  const hidden = Object.entries(view.params)
    .map(([name, value]) => `<input type="hidden" name="${escape(name)}" value="${escape(value)}">`)
    .join('');
  const body = view.expired
    ? `<p class="warn">Yêu cầu thanh toán đã hết hạn. Vui lòng tạo lại giao dịch từ hệ thống một cửa.</p>`
    : `<form method="post" action="${escape(actionPath)}">${hidden}
<button type="submit" name="decision" value="confirm">Xác nhận thanh toán</button>
<button type="submit" name="decision" value="cancel" class="secondary">Hủy giao dịch</button>
</form>`;
  return layout(
    'Ngân hàng thử nghiệm – Thanh toán',
    `<h1>Cổng thanh toán thử nghiệm</h1>
<p class="note">Môi trường thử nghiệm: không có giao dịch tiền thật.</p>
<dl>
<dt>Đơn vị chấp nhận thanh toán</dt><dd>${escape(view.merchantCode)}</dd>
<dt>Mã giao dịch</dt><dd>${escape(view.txnRef)}</dd>
<dt>Nội dung</dt><dd>${escape(view.orderInfo)}</dd>
<dt>Số tiền</dt><dd><strong>${money(view.amount)}</strong></dd>
</dl>
${body}`,
  );
}

export function errorPage(message: string): string {
  return layout('Lỗi thanh toán', `<h1>Không thể thực hiện thanh toán</h1><p class="warn">${escape(message)}</p>`);
}

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
dl{display:grid;grid-template-columns:auto 1fr;gap:.4rem 1rem}dt{color:#555}dd{margin:0}
button{font-size:1rem;padding:.6rem 1.2rem;margin-right:.5rem;border:0;border-radius:4px;background:#005bac;color:#fff;cursor:pointer}
button.secondary{background:#777}.note{color:#555}.warn{color:#a00}
</style></head><body>${body}</body></html>`;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
