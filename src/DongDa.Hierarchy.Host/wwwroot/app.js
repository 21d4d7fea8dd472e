import { periodOf, monthLabel, monthCount, MAX_SERIES_MONTHS, TERM, isDate } from './periods.js';
import { FIGURES, FIGURE_GROUPS, RECORD_KINDS } from './settings.js';

const [FIRST_YEAR, LAST_YEAR] = [TERM.from, TERM.to].map((day) => Number(day.slice(0, 4)));
const TERM_YEARS = `${FIRST_YEAR}–${LAST_YEAR}`;

const TEXT = {
  vi: {
    title: 'Số liệu các tổ chức đảng', switchLanguage: 'English',
    signIn: 'Đăng nhập', userName: 'Tên đăng nhập', password: 'Mật khẩu', signOut: 'Đăng xuất', changePassword: 'Đổi mật khẩu',
    currentPassword: 'Mật khẩu hiện tại', newPassword: 'Mật khẩu mới (ít nhất 10 ký tự)', save: 'Lưu', signedInAs: 'Đang làm việc:',
    signInFailed: 'Tên đăng nhập hoặc mật khẩu không đúng.', locked: 'Tài khoản tạm khóa vì nhập sai mật khẩu nhiều lần liền; hãy thử lại sau {0}.', tooMany: 'Máy này đã đăng nhập quá nhiều lần trong một phút; hãy chờ một phút rồi thử lại.',
    giveBoth: 'Hãy nhập tên đăng nhập và mật khẩu.', mustChange: 'Đây là lần đăng nhập đầu tiên: hãy đặt mật khẩu mới.',
    sessionEnded: 'Phiên làm việc đã kết thúc; hãy đăng nhập lại.', tooShort: 'Mật khẩu mới cần ít nhất 10 ký tự.',
    wrongCurrent: 'Mật khẩu hiện tại không đúng.', sameAsCurrent: 'Mật khẩu mới phải khác mật khẩu hiện tại.',
    records: 'Hồ sơ của tổ chức', day: 'Ngày', recordKind: 'Loại hồ sơ', newRecord: 'Thêm hồ sơ', cancel: 'Hủy', older: 'Xem các hồ sơ cũ hơn',
    addTitle: 'Thêm hồ sơ', editTitle: 'Sửa hồ sơ', edit: 'Sửa', withdraw: 'Thu hồi', reason: 'Lý do thu hồi', confirmWithdraw: 'Xác nhận thu hồi',
    saved: 'Đã lưu; số liệu đã cập nhật.', withdrawn: 'Đã thu hồi hồ sơ; số liệu đã cập nhật.', noRecords: 'Chưa có hồ sơ loại này.',
    recordedBy: 'Người ghi', recordedAt: 'Lúc ghi', details: 'Nội dung', actions: 'Thao tác', yes: 'Có', no: 'Không', addModel: 'Thêm mô hình',
    removeModel: 'Bỏ mô hình này', required: 'Trường này bắt buộc.', idTaken: 'Mã hồ sơ này đã dùng cho một hồ sơ khác.', reasonNeeded: 'Hãy ghi lý do thu hồi.',
    problemsBelow: 'Hồ sơ chưa lưu được: xem các trường được đánh dấu.',
    accounts: 'Tài khoản', newUserName: 'Tên đăng nhập của tài khoản mới', newAccount: 'Tạo tài khoản cho tổ chức này', displayName: 'Họ tên, chức vụ', role: 'Vai trò', createAccount: 'Tạo tài khoản',
    viewer: 'Xem số liệu', recorder: 'Ghi hồ sơ', admin: 'Quản trị', state: 'Trạng thái', active: 'Đang dùng', disabled: 'Đã khóa',
    mustChangeState: 'Chờ đổi mật khẩu', resetPassword: 'Đặt lại mật khẩu', disable: 'Khóa', enable: 'Mở khóa', organizationsOf: 'Tổ chức',
    tokens: 'Mã truy cập cho chương trình', tokenName: 'Tên (dùng cho việc gì)', tokenDays: 'Số ngày hiệu lực', createToken: 'Tạo mã',
    tokenValue: 'Mã vừa tạo (chỉ hiện một lần)', tokenMade: 'Đã tạo mã; hãy chép lại ngay: mã sẽ không hiện lại.', created: 'Tạo lúc', expires: 'Hết hạn',
    revoke: 'Thu hồi mã', revoked: 'Đã thu hồi', nameNeeded: 'Hãy đặt tên cho mã.',
    recordsExport: 'Xuất hồ sơ loại này ra Excel', importTitle: 'Nhập từ Excel', importTemplate: 'Tải tệp mẫu của loại hồ sơ này',
    importFile: 'Tệp Excel (.xlsx) hoặc CSV đã điền', importButton: 'Nhập', importErrors: 'Các dòng chưa đúng (chưa nhập dòng nào)',
    importDone: 'Đã nhập {0} dòng: {1} hồ sơ mới, {2} hồ sơ đã có từ trước.', importRefused: '{0} trong {1} dòng chưa đúng; chưa nhập dòng nào. Sửa các dòng dưới đây rồi nhập lại.',
    importChoose: 'Hãy chọn tệp đã điền.', importWrongType: 'Chỉ nhận tệp .xlsx hoặc .csv.', row: 'Dòng', fieldName: 'Cột', problemText: 'Lỗi',
    figuresExport: 'Xuất Excel', reportWord: 'Báo cáo (Word)', reportPage: 'Xem báo cáo để in', orgAdmin: 'Quản lý tổ chức', orgDetails: 'Tên và số đảng viên của tổ chức này', memberCount: 'Số đảng viên', moveOrg: 'Chuyển tổ chức này sang cấp trên khác',
    newParent: 'Mã tổ chức cấp trên mới', newParentHint: 'Gõ vài chữ của tên để chọn.', move: 'Chuyển', addChild: 'Thêm tổ chức trực thuộc tổ chức này',
    levelOf: 'Cấp', orgId: 'Mã (chữ thường không dấu, số, gạch nối)', kindOf: 'Loại hình', addChildButton: 'Thêm tổ chức',
    orgSaved: 'Đã lưu thông tin tổ chức.', orgMoved: 'Đã chuyển tổ chức cùng các tổ chức trực thuộc nó; số liệu các cấp đã cập nhật.', orgAdded: 'Đã thêm {0}.',
    idInUse: 'Mã này đã dùng cho một tổ chức khác; hãy chọn mã khác.', sameParent: 'Tổ chức đang trực thuộc tổ chức này rồi.', notSaved: 'Chưa lưu được: xem các trường được đánh dấu.',
    kinds: { ward: 'Phường', residential: 'Khu dân cư, tổ dân phố', workplace: 'Cơ quan, đơn vị', agency: 'Cơ quan hành chính', publicService: 'Đơn vị sự nghiệp',
      school: 'Trường học', health: 'Y tế', enterprise: 'Doanh nghiệp', partial: 'Đảng bộ bộ phận' },
    levelWords: { district: 'đảng bộ quận', grassroots: 'tổ chức cơ sở đảng', partial: 'đảng bộ bộ phận', cell: 'chi bộ' },
    initialPassword: 'Mật khẩu ban đầu của {0} (chỉ hiện một lần; người dùng phải đổi ở lần đăng nhập đầu):', nameTaken: 'Tên đăng nhập này đã có.',
    period: 'Thời kỳ', wholeTerm: `Cả nhiệm kỳ ${TERM_YEARS}`, firstHalf: 'Nửa đầu nhiệm kỳ', year: 'Năm', quarter: 'Quý', custom: 'Tùy chọn',
    from: 'Từ ngày', to: 'Đến ngày', apply: 'Xem', search: 'Tìm tổ chức', children: 'Tổ chức trực thuộc', compareOn: 'So sánh theo',
    byMonth: 'Theo tháng', figure: 'Chỉ tiêu', total: 'Tổng', district: 'Cấp quận', grassroots: 'Cấp cơ sở', partial: 'Đảng bộ bộ phận', cell: 'Chi bộ',
    name: 'Tên', organizations: 'tổ chức',
    failed: 'Không tải được số liệu', noChildren: 'Không có tổ chức trực thuộc.', month: 'Tháng',
    noData: 'Không có số liệu của chỉ tiêu này trong thời kỳ đã chọn.', monthsTable: 'Bảng số liệu theo tháng',
    status403: 'tài khoản không có quyền xem tổ chức này', status404: 'không có tổ chức này', status400: 'yêu cầu không hợp lệ',
    tooManyMonths: `Biểu đồ theo tháng chỉ vẽ cho thời kỳ tối đa ${MAX_SERIES_MONTHS} tháng.`,
    status503: 'hệ thống đang khởi động lại, xin thử lại sau giây lát', status504: 'hệ thống trả lời quá chậm, xin thử lại', statusOther: 'lỗi máy chủ',
  },
  en: {
    title: 'Party organization figures', switchLanguage: 'Tiếng Việt',
    signIn: 'Sign in', userName: 'User name', password: 'Password', signOut: 'Sign out', changePassword: 'Change password',
    currentPassword: 'Current password', newPassword: 'New password (at least 10 characters)', save: 'Save', signedInAs: 'Signed in:',
    signInFailed: 'The user name or password is not right.', locked: 'The account is locked after too many wrong passwords in a row; try again after {0}.', tooMany: 'Too many sign-ins from this computer in a minute; wait a minute and try again.',
    giveBoth: 'Give the user name and the password.', mustChange: 'This is the first sign-in: choose a new password.',
    sessionEnded: 'The session has ended; sign in again.', tooShort: 'The new password needs at least 10 characters.',
    wrongCurrent: 'The current password is not right.', sameAsCurrent: 'The new password must differ from the current one.',
    records: 'Records of the organization', day: 'Date', recordKind: 'Kind of record', newRecord: 'Add a record', cancel: 'Cancel', older: 'Show older records',
    addTitle: 'Add a record', editTitle: 'Correct a record', edit: 'Correct', withdraw: 'Withdraw', reason: 'Reason for withdrawing', confirmWithdraw: 'Withdraw it',
    saved: 'Saved; the figures are up to date.', withdrawn: 'Withdrawn; the figures are up to date.', noRecords: 'No records of this kind yet.',
    recordedBy: 'Recorded by', recordedAt: 'Recorded at', details: 'Details', actions: 'Actions', yes: 'Yes', no: 'No', addModel: 'Add a model',
    removeModel: 'Remove this model', required: 'This field is required.', idTaken: 'This record id is used by another record.', reasonNeeded: 'Give the reason for withdrawing.',
    problemsBelow: 'The record was not saved: see the marked fields.',
    accounts: 'Accounts', newUserName: 'User name of the new account', newAccount: 'Create an account for this organization', displayName: 'Name and position', role: 'Role', createAccount: 'Create the account',
    viewer: 'Reads figures', recorder: 'Keeps records', admin: 'Administers', state: 'State', active: 'Active', disabled: 'Disabled',
    mustChangeState: 'Must change password', resetPassword: 'Reset password', disable: 'Disable', enable: 'Enable', organizationsOf: 'Organizations',
    tokens: 'Tokens for programs', tokenName: 'Name (what it is for)', tokenDays: 'Days it acts', createToken: 'Make a token',
    tokenValue: 'The token just made (shown once)', tokenMade: 'Made; copy it now: it will not be shown again.', created: 'Made', expires: 'Expires',
    revoke: 'Revoke', revoked: 'Revoked', nameNeeded: 'Give the token a name.',
    recordsExport: 'Export records of this kind to Excel', importTitle: 'Import from Excel', importTemplate: 'Download the template of this kind',
    importFile: 'Filled-in Excel (.xlsx) or CSV file', importButton: 'Import', importErrors: 'Rows that are not right (no row was imported)',
    importDone: 'Imported {0} rows: {1} new records, {2} already there.', importRefused: '{0} of {1} rows are not right; no row was imported. Correct the rows below and import again.',
    importChoose: 'Choose the filled-in file.', importWrongType: 'Only .xlsx or .csv files are taken.', row: 'Row', fieldName: 'Column', problemText: 'Problem',
    figuresExport: 'Export to Excel', reportWord: 'Report (Word)', reportPage: 'Report to print', orgAdmin: 'Managing the organization', orgDetails: 'Name and party members of this organization', memberCount: 'Party members', moveOrg: 'Move this organization under another',
    newParent: 'Id of the new parent', newParentHint: 'Type a few letters of its name to choose.', move: 'Move', addChild: 'Add an organization below this one',
    levelOf: 'Level', orgId: 'Id (lower-case letters without accents, digits, hyphens)', kindOf: 'Kind', addChildButton: 'Add the organization',
    orgSaved: 'The organization is saved.', orgMoved: 'Moved with everything below it; the figures of every level are up to date.', orgAdded: '{0} is added.',
    idInUse: 'This id belongs to another organization; choose another.', sameParent: 'It is below that organization already.', notSaved: 'Not saved: see the marked fields.',
    kinds: { ward: 'Ward', residential: 'Residential area', workplace: 'Workplace', agency: 'Government agency', publicService: 'Public service unit',
      school: 'School', health: 'Health', enterprise: 'Enterprise', partial: 'Partial committee' },
    levelWords: { district: 'a district committee', grassroots: 'a grassroots organization', partial: 'a partial committee', cell: 'a cell' },
    initialPassword: 'Initial password of {0} (shown once; it must be changed at the first sign-in):', nameTaken: 'This user name is taken.',
    period: 'Period', wholeTerm: `Whole term ${TERM_YEARS}`, firstHalf: 'First half of the term', year: 'Year', quarter: 'Quarter', custom: 'Custom',
    from: 'From', to: 'To', apply: 'Show', search: 'Find an organization', children: 'Organizations below', compareOn: 'Compare on',
    byMonth: 'By month', figure: 'Figure', total: 'Total', district: 'District level', grassroots: 'Grassroots level', partial: 'Partial committee', cell: 'Cell',
    name: 'Name', organizations: 'organizations',
    failed: 'Could not load the figures', noChildren: 'No organizations below.', month: 'Month',
    noData: 'No figures of this kind in the chosen period.', monthsTable: 'Table of the months',
    status403: 'the account may not see this organization', status404: 'there is no such organization', status400: 'the request was not valid',
    tooManyMonths: `The monthly chart is drawn for periods of at most ${MAX_SERIES_MONTHS} months.`,
    status503: 'the system is restarting, try again in a moment', status504: 'the system answered too slowly, try again', statusOther: 'server error',
  },
};

/** Reads a figure from a MetricSet: the sum of its JSON paths, one per recognition level when it is split. */
const reader = (figure) => (m) => figure.paths.reduce((sum, path) => sum + path.split('.').reduce((node, name) => node[name], m), 0);
const CONDUCTORS = ['district', 'grassroots', 'partial', 'cell'];
// Compared by default on a figure every level below the district holds; study classes, first in the
// article, are all the district's own and would leave the comparison of its children empty.
const DEFAULT_FIGURE = 'study.registeredMembers';
const $ = (id) => document.getElementById(id);

/** The account signed in (or the token's, for a program), as /account/me tells it; null when signed out. */
let account = null;
let state = readLocation();
const t = (key) => TEXT[state.lang][key] ?? key;
// One formatter per language: making one costs far more than formatting, and a district view
// formats hundreds of numbers. Made on first use, so that loading its locale overlaps the first requests.
const NUMBERS = {};
const number = (value) => (NUMBERS[state.lang] ??= new Intl.NumberFormat(state.lang === 'vi' ? 'vi-VN' : 'en-GB')).format(value);
const date = (text) => new Date(`${text}T00:00:00Z`).toLocaleDateString(state.lang === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: 'UTC' });

/** Where the account starts: the first organization it acts for, or the district for an account of every organization. */
function home() {
  const orgs = account?.orgs ?? [];
  return orgs.length === 0 || orgs.includes('*') ? 'dong-da' : orgs[0];
}

function readLocation() {
  const query = new URLSearchParams(location.search);
  return {
    org: query.get('org') || home(),
    preset: query.get('period') || 'term',
    lang: query.get('lang') === 'en' ? 'en' : 'vi',
    figure: FIGURES.some((figure) => figure.name === query.get('figure')) ? query.get('figure') : DEFAULT_FIGURE,
  };
}

/** The page's address for a view: what back, forward and a copied link return to. */
function addressOf(view) {
  return `?${new URLSearchParams({ org: view.org, period: view.preset, lang: view.lang, figure: view.figure })}`;
}

/** An API address about the organization shown. */
const shown = (suffix) => `/api/v1/orgs/${encodeURIComponent(state.org)}${suffix}`;

/** Reads the figure chosen for the charts and the list below from a MetricSet. */
const chosen = () => FIGURES.find((figure) => figure.name === state.figure);
const chosenFigure = () => reader(chosen());

function go(changes, replace = false) {
  // A keyboard or screen-reader user who chose another organization continues from its name, not from the link that is gone.
  const moved = 'org' in changes && changes.org !== state.org;
  state = { ...state, ...changes };
  history[replace ? 'replaceState' : 'pushState'](null, '', addressOf(state));
  render({ focus: moved });
}

/** A problem the API answered, told in the page's language; the API's own detail is in English. */
class ApiProblem extends Error {
  constructor(status, detail) {
    super(`${TEXT[state.lang][`status${status}`] ?? t('statusOther')} (${status})${state.lang === 'en' && detail ? `: ${detail}` : ''}`);
  }
}

/** A bearer token, for a program driving the page; a person's browser sends its session cookie instead. */
const authorization = () => {
  const token = sessionStorage.getItem('dongda-token');
  return token ? { Authorization: `Bearer ${token}` } : {};
};

async function api(path, signal) {
  const response = await fetch(path, { headers: authorization(), signal });
  if (response.status === 401) {
    showSignIn(account ? t('sessionEnded') : '');
    throw new Error('unauthorized');
  }
  if (!response.ok) throw new ApiProblem(response.status, (await response.json().catch(() => ({}))).detail);
  return response.json();
}

/** Sends a JSON body to the account endpoints; the answer and its JSON, whatever the status. */
async function send(path, body, method = 'POST') {
  const response = await fetch(path, {
    method, headers: { ...authorization(), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401 && path.startsWith('/api/')) showSignIn(t('sessionEnded'));
  return [response.status, await response.json().catch(() => ({}))];
}

/** Why a sign-in was answered 429: the account locked until a time, or this address slowed for a minute. */
const refusedFor = (problem) => problem.lockedUntil
  ? t('locked').replace('{0}', new Date(problem.lockedUntil).toLocaleTimeString(state.lang === 'vi' ? 'vi-VN' : 'en-GB', { hour: '2-digit', minute: '2-digit' }))
  : t('tooMany');

/** Shows the figures of a signed-in account, or what it must do first. */
function enter(signedIn) {
  account = signedIn;
  document.body.toggleAttribute('data-signed-in', !!account && !account.mustChangePassword);
  $('sign-in-form').hidden = true;
  $('account').hidden = !account;
  translate();
  if (account?.mustChangePassword) return showPasswordForm(t('mustChange'));
  if (!account) return showSignIn('');
  $('password-form').hidden = true;
  state = readLocation();
  go({}, true);
}

function showSignIn(message) {
  account = null;
  document.body.removeAttribute('data-signed-in');
  $('account').hidden = true;
  $('password-form').hidden = true;
  $('sign-in-form').hidden = false;
  $('sign-in-problem').textContent = message;
  $('user-name').focus();
}

function showPasswordForm(reason) {
  $('password-form').hidden = false;
  $('password-reason').textContent = reason;
  $('current-password').focus();
}

function translate() {
  document.documentElement.lang = state.lang;
  document.querySelectorAll('[data-text]').forEach((element) => { element.textContent = t(element.dataset.text); });
  $('account-name').textContent = account ? `${t('signedInAs')} ${account.displayName}` : '';
}

function query(period) {
  return `from=${period.from}&to=${period.to}`;
}

// The requests of the view on screen; a new view cancels those of the one it replaces, so that
// a click is not queued behind answers nobody will see.
let view = new AbortController();

async function render({ focus = false } = {}) {
  view.abort();
  view = new AbortController();
  const { signal } = view;
  const period = periodOf(state.preset) ?? periodOf('term');
  // Asked first and together: the view waits for the slowest answer, not for their sum, and the
  // page's own work below is done while they travel.
  const answers = Promise.all([
    api(shown(`/drilldown?${query(period)}`), signal),
    api(shown(`/metrics?${query(period)}`), signal),
  ]);
  renderBreadcrumb(signal).catch(() => {});
  translate();
  syncControls(period);
  $('problem').textContent = '';
  // Until its own answer comes, the chart shows nothing rather than another view's months.
  $('months-chart').replaceChildren();
  $('months-table').tBodies[0].replaceChildren();
  $('months-note').textContent = '';
  try {
    const [drilldown, metrics] = await answers;
    renderNode(drilldown, metrics, period);
    // What a visitor waits for; the page-timing bench reads it.
    performance.mark('dongda:figures-shown', { detail: state.org });
    if (focus) $('org-name').focus();
    await renderMonths(period, signal);
    await renderRecords(signal);
    await renderOrgAdmin(signal);
    await renderAccounts(signal);
    await renderTokens(signal);
  } catch (error) {
    if (signal.aborted || error.message === 'unauthorized') return;
    $('problem').textContent = `${t('failed')}: ${error.message}`;
  }
}

function renderNode(drilldown, metrics, period) {
  const org = drilldown.org;
  document.title = `${org.name} — ${t('title')}`;
  $('org-name').textContent = org.name;
  $('org-summary').textContent = `${date(period.from)} – ${date(period.to)} · ${number(drilldown.orgs.total)} ${t('organizations')}`;
  renderFigures(metrics);
  renderChildren(drilldown.children);
  // The organization's report for the period shown, in the page's language: a Word document to file, or a page to print.
  $('figures-export').href = shown(`/export?${query(period)}&format=xlsx`);
  const report = shown(`/report?${query(period)}&lang=${state.lang}`);
  $('report-docx').href = `${report}&format=docx`;
  $('report-html').href = report;
}

/** From the highest organization the token may see down to the one shown; the API trims it to the token's scope. */
async function renderBreadcrumb(signal) {
  const { items } = await api(shown('/breadcrumb'), signal);
  if (signal.aborted) return;
  $('breadcrumb').replaceChildren(...items.map((org, index) => {
    const item = document.createElement('li');
    if (index === items.length - 1) {
      item.textContent = org.name;
      item.setAttribute('aria-current', 'page');
    } else {
      item.append(link(org.id, org.name));
    }
    return item;
  }));
}

function link(orgId, text) {
  const anchor = document.createElement('a');
  anchor.href = addressOf({ ...state, org: orgId });
  anchor.textContent = text;
  anchor.addEventListener('click', (event) => { event.preventDefault(); go({ org: orgId }); });
  return anchor;
}

function renderFigures(metrics) {
  $('figures').replaceChildren(...FIGURE_GROUPS.map((group) => {
    const section = document.createElement('section');
    const heading = document.createElement('h3');
    heading.textContent = group[state.lang];
    const table = document.createElement('table');
    table.dataset.group = group.key;
    table.innerHTML = `<thead><tr><th scope="col">${t('figure')}</th><th scope="col">${t('total')}</th>${CONDUCTORS.map((level) => `<th scope="col">${t(level)}</th>`).join('')}</tr></thead>`;
    const body = document.createElement('tbody');
    for (const figure of FIGURES.filter((f) => f.group === group.key)) {
      const read = reader(figure);
      const row = document.createElement('tr');
      row.dataset.figure = figure.name;
      row.innerHTML = `<th scope="row">${figure[state.lang]}</th><td data-value="${read(metrics.total)}">${number(read(metrics.total))}</td>`
        + CONDUCTORS.map((level) => `<td>${number(read(metrics.byConductorLevel[level]))}</td>`).join('');
      body.append(row);
    }
    table.append(body);
    // Five columns of figures do not fit a phone; the table scrolls on its own, not the whole page.
    const scroll = document.createElement('div');
    scroll.className = 'table-scroll';
    scroll.append(table);
    section.append(heading, scroll);
    return section;
  }));
}

function renderChildren(children) {
  const read = chosenFigure();
  $('children').tHead.innerHTML = `<tr><th scope="col">${t('name')}</th><th scope="col">${chosen()[state.lang]}</th></tr>`;
  const body = $('children').tBodies[0];
  body.replaceChildren(...children.map((child) => {
    const row = document.createElement('tr');
    const name = document.createElement('td');
    name.append(link(child.org.id, child.org.name));
    const value = document.createElement('td');
    value.textContent = number(read(child.total));
    row.append(name, value);
    return row;
  }));
  if (children.length === 0) body.innerHTML = `<tr><td colspan="2">${t('noChildren')}</td></tr>`;
  rowsChart($('children-chart'), children.map((child) => ({ label: child.org.name, value: read(child.total) })));
}

async function renderMonths(period, signal) {
  if (monthCount(period) > MAX_SERIES_MONTHS) {
    $('months-note').textContent = t('tooManyMonths');
    return;
  }
  const read = chosenFigure();
  const series = await api(shown(`/series?${query(period)}`), signal);
  const months = series.months.map((month) => ({ label: monthLabel(month.from), value: read(month.total) }));
  columnsChart($('months-chart'), months);
  $('months-table').tHead.innerHTML = `<tr><th scope="col">${t('month')}</th><th scope="col">${chosen()[state.lang]}</th></tr>`;
  $('months-table').tBodies[0].replaceChildren(...months.map((month) => {
    const row = document.createElement('tr');
    row.innerHTML = `<td>${month.label}</td><td>${number(month.value)}</td>`;
    return row;
  }));
}

const escape = (text) => String(text).replace(/[<&>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** Round steps for a scale from 0 to at least max: 1, 2 or 5 times a power of ten. */
function ticks(max) {
  if (max <= 0) return [0];
  const rough = max / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= rough);
  return Array.from({ length: Math.ceil(max / step) + 1 }, (_, i) => i * step);
}

/**
 * Draws the chart, or says in words that there is nothing to draw. Every bar carries its name and
 * value in words (visible beside it, and as its title on hover); the chart is named by its
 * heading and the figure it shows, and the same figures are in the table beside it.
 */
function drawChart(svg, items, width, height, draw) {
  const unit = chosen()[state.lang];
  svg.setAttribute('aria-label', `${$(svg.dataset.heading).textContent}: ${unit}`);
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.style.maxWidth = `${width}px`;
  if (items.every((item) => item.value === 0)) {
    svg.setAttribute('viewBox', `0 0 ${width} 40`);
    svg.innerHTML = `<text class="empty" x="0" y="24">${escape(t('noData'))}</text>`;
    return;
  }
  svg.innerHTML = draw(unit, Math.max(...items.map((item) => item.value)));
}

/** The organizations below, one row each: name, bar and value, on a scale of the figure along the top. */
function rowsChart(svg, items) {
  const labelWidth = 250, plot = 400, row = 22, top = 34;
  const width = labelWidth + plot + 80, height = top + items.length * row + 4;
  drawChart(svg, items, width, height, (unit, max) => {
    const scale = ticks(max), end = scale[scale.length - 1];
    const x = (value) => labelWidth + (value / end) * plot;
    const axis = scale.map((tick) => `<line class="grid" x1="${x(tick)}" x2="${x(tick)}" y1="${top - 4}" y2="${height}"></line>`
      + `<text class="tick" x="${x(tick)}" y="${top - 8}" text-anchor="middle">${number(tick)}</text>`).join('');
    const bars = items.map((item, index) => {
      const y = top + index * row;
      const name = item.label.length > 38 ? `${item.label.slice(0, 37)}…` : item.label;
      return `<g><title>${escape(item.label)}: ${number(item.value)}</title>`
        + `<text x="${labelWidth - 6}" y="${y + 15}" text-anchor="end">${escape(name)}</text>`
        + `<rect x="${labelWidth}" y="${y + 3}" width="${Math.max(0, x(item.value) - labelWidth)}" height="${row - 6}"></rect>`
        + `<text class="value" x="${x(item.value) + 4}" y="${y + 15}">${number(item.value)}</text></g>`;
    }).join('');
    return `<text class="unit" x="${labelWidth}" y="10">${escape(unit)}</text>${axis}${bars}`;
  });
}

/** The months of the period, one column each, labelled by month below and by value above, on a scale of the figure at the left. */
function columnsChart(svg, items) {
  const left = 56, plot = 200, top = 40, step = Math.max(16, Math.min(48, 700 / Math.max(1, items.length)));
  const width = left + items.length * step + 10, height = top + plot + 30;
  // At most about twelve month names fit along the bottom; the others are in each column's title and the table.
  const every = Math.ceil(items.length / 12);
  drawChart(svg, items, width, height, (unit, max) => {
    const scale = ticks(max), end = scale[scale.length - 1];
    const y = (value) => top + plot - (value / end) * plot;
    const axis = scale.map((tick) => `<line class="grid" x1="${left}" x2="${width}" y1="${y(tick)}" y2="${y(tick)}"></line>`
      + `<text class="tick" x="${left - 6}" y="${y(tick) + 4}" text-anchor="end">${number(tick)}</text>`).join('');
    const bars = items.map((item, index) => {
      const x = left + index * step, middle = x + step / 2;
      // A value wider than its column is written upwards.
      const value = step >= 40 ? `<text class="value" x="${middle}" y="${y(item.value) - 4}" text-anchor="middle">${number(item.value)}</text>`
        : `<text class="value" transform="translate(${middle + 3} ${y(item.value) - 4}) rotate(-90)">${number(item.value)}</text>`;
      const label = index % every === 0 ? `<text x="${middle}" y="${top + plot + 16}" text-anchor="middle">${escape(item.label)}</text>` : '';
      return `<g><title>${escape(item.label)}: ${number(item.value)}</title>`
        + `<rect x="${x + 2}" y="${y(item.value)}" width="${step - 4}" height="${top + plot - y(item.value)}"></rect>${value}${label}</g>`;
    }).join('');
    return `<text class="unit" x="0" y="12">${escape(unit)}</text>${axis}${bars}`;
  });
}

/** Whether the account may record at the organization shown: the API decides, the page only hides what it would refuse. */
const canRecord = () => ['recorder', 'admin'].includes(account?.role);
const RECORDS_PER_PAGE = 20;
let recordKind = RECORD_KINDS[0].path;
/** Where the next, older page of records starts, or null when all are shown. */
let olderRecords = null;
let editing = null;
const kindOf = () => RECORD_KINDS.find((kind) => kind.path === recordKind);
const label = (item) => item[state.lang];

/** A field's value as a person reads it. */
function shownValue(field, value) {
  if (value === null || value === undefined || value === '') return '';
  if (field.kind === 'choice') return label(field.choices.find((choice) => choice.value === value) ?? { vi: value, en: value });
  if (field.kind === 'yes-no') return value ? t('yes') : t('no');
  if (field.kind === 'number') return number(value);
  if (field.kind === 'date') return date(value);
  if (field.kind === 'list') return value.map((item) => field.fields.map((inner) => shownValue(inner, item[inner.name])).join(' – ')).join('; ');
  return String(value);
}

/** The organization's own records of the chosen kind, newest first, a page at a time, with who recorded each and when. */
async function renderRecords(signal) {
  const kind = kindOf();
  $('record-kind').replaceChildren(...RECORD_KINDS.map((k) => new Option(label(k), k.path, false, k.path === recordKind)));
  $('new-record').hidden = !canRecord();
  $('import-form').hidden = !canRecord();
  $('import-template').href = `/api/v1/import-templates/${kind.path}.xlsx`;
  $('records-export').href = shown(`/${kind.path}/export?${query(periodOf(state.preset) ?? periodOf('term'))}&format=xlsx`);
  $('record-list').tHead.innerHTML = `<tr><th scope="col">${t('day')}</th><th scope="col">${t('details')}</th>`
    + `<th scope="col">${t('recordedBy')}</th><th scope="col">${t('recordedAt')}</th>${canRecord() ? `<th scope="col">${t('actions')}</th>` : ''}</tr>`;
  $('record-list').tBodies[0].replaceChildren();
  await showRecords(kind, null, signal);
}

/** Adds a page of records below those shown, and offers the next while there is one. */
async function showRecords(kind, cursor, signal) {
  const page = await api(shown(`/${kind.path}?order=newest&limit=${RECORDS_PER_PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`), signal);
  const details = kind.fields.filter((field) => !['recordId', 'date'].includes(field.name));
  const body = $('record-list').tBodies[0];
  body.append(...page.items.map((record) => {
    const row = document.createElement('tr');
    row.dataset.record = record.recordId;
    const cells = [date(record.date), details.map((field) => `${label(field)}: ${shownValue(field, record[field.name])}`).filter((text) => !text.endsWith(': ')).join('; '),
      record.recordedBy ?? '', new Date(record.recordedAt).toLocaleString(state.lang === 'vi' ? 'vi-VN' : 'en-GB')];
    for (const text of cells) {
      const cell = document.createElement('td');
      cell.textContent = text;
      row.append(cell);
    }
    if (canRecord()) row.append(recordActions(record));
    return row;
  }));
  if (body.rows.length === 0) body.innerHTML = `<tr><td colspan="5">${t('noRecords')}</td></tr>`;
  olderRecords = page.next;
  $('older-records').hidden = !page.next;
}

function recordActions(record) {
  const cell = document.createElement('td');
  const edit = document.createElement('button');
  edit.type = 'button';
  edit.textContent = t('edit');
  edit.setAttribute('aria-label', `${t('edit')} ${record.recordId}`);
  edit.addEventListener('click', () => openRecordForm(record));
  const withdraw = document.createElement('button');
  withdraw.type = 'button';
  withdraw.textContent = t('withdraw');
  withdraw.setAttribute('aria-label', `${t('withdraw')} ${record.recordId}`);
  withdraw.addEventListener('click', () => askReason(cell, record));
  cell.append(edit, ' ', withdraw);
  return cell;
}

/** Asks, in the row, why the record is withdrawn; the API requires a reason. */
function askReason(cell, record) {
  const id = `reason-${record.recordId}`;
  cell.innerHTML = `<label for="${escape(id)}">${t('reason')}</label> <input id="${escape(id)}" required aria-describedby="${escape(id)}-problem">`
    + ` <button type="button">${t('confirmWithdraw')}</button> <span class="field-problem" id="${escape(id)}-problem"></span>`;
  const input = cell.querySelector('input');
  input.focus();
  cell.querySelector('button').addEventListener('click', async () => {
    if (!input.value.trim()) {
      cell.querySelector('.field-problem').textContent = t('reasonNeeded');
      input.setAttribute('aria-invalid', 'true');
      return input.focus();
    }
    const [status] = await send(shown(`/${recordKind}/${encodeURIComponent(record.recordId)}?reason=${encodeURIComponent(input.value.trim())}`), undefined, 'DELETE');
    if (status !== 204) {
      cell.querySelector('.field-problem').textContent = new ApiProblem(status).message;
      return;
    }
    $('record-status').textContent = t('withdrawn');
    render();
  });
}

const fieldId = (path) => `f-${path.replace(/[.[\]]+/g, '-')}`;

function fieldInput(field, path, value) {
  const id = fieldId(path);
  const wrapper = document.createElement('p');
  const problem = `<span class="field-problem" id="${id}-problem"></span>`;
  if (field.kind === 'yes-no') {
    wrapper.innerHTML = `<input id="${id}" type="checkbox" aria-describedby="${id}-problem"${value ? ' checked' : ''}> <label for="${id}">${escape(label(field))}</label> ${problem}`;
    return wrapper;
  }
  let control;
  if (field.kind === 'choice') {
    control = `<select id="${id}" aria-describedby="${id}-problem"${field.required ? ' required' : ''}>${field.required ? '' : '<option value=""></option>'}`
      + field.choices.map((choice) => `<option value="${choice.value}"${choice.value === value ? ' selected' : ''}>${escape(label(choice))}</option>`).join('') + '</select>';
  } else {
    const type = { date: 'date', number: 'number' }[field.kind] ?? 'text';
    const extra = field.kind === 'number' ? ' min="0" step="1" inputmode="numeric"' : '';
    control = `<input id="${id}" type="${type}"${extra} aria-describedby="${id}-problem"${field.required ? ' required' : ''} value="${escape(value ?? '')}">`;
  }
  wrapper.innerHTML = `<label for="${id}">${escape(label(field))}</label> ${control} ${problem}`;
  return wrapper;
}

/** The list of a record's models: a row of fields each, with buttons to add and remove rows. */
function listInput(field, values) {
  const set = document.createElement('fieldset');
  set.id = fieldId(field.name);
  set.innerHTML = `<legend>${escape(label(field))}</legend><span class="field-problem" id="${set.id}-problem"></span>`;
  const rows = document.createElement('div');
  const addRow = (item) => {
    const row = document.createElement('div');
    row.className = 'list-row';
    rows.append(row);
    const index = rows.children.length - 1;
    for (const inner of field.fields) row.append(fieldInput(inner, `${field.name}[${index}].${inner.name}`, item?.[inner.name]));
  };
  (values?.length ? values : [null]).forEach(addRow);
  const add = document.createElement('button');
  add.type = 'button';
  add.textContent = t('addModel');
  add.addEventListener('click', () => addRow(null));
  set.append(rows, add);
  return set;
}

function openRecordForm(record = null) {
  editing = record;
  const kind = kindOf();
  $('record-form-title').textContent = `${record ? t('editTitle') : t('addTitle')}: ${label(kind)}`;
  $('record-fields').replaceChildren(...kind.fields
    .filter((field) => !(record && field.name === 'recordId'))
    .map((field) => field.kind === 'list' ? listInput(field, record?.[field.name]) : fieldInput(field, field.name, record?.[field.name])));
  $('record-problem').textContent = '';
  $('record-form').hidden = false;
  $('record-fields').querySelector('input, select')?.focus();
}

/** The form's values as the API reads them: empty optional fields left out, numbers as numbers. */
function recordBody() {
  const read = (field, path) => {
    const element = document.getElementById(fieldId(path));
    if (field.kind === 'yes-no') return element.checked;
    if (element.value === '') return undefined;
    return field.kind === 'number' ? Number(element.value) : element.value;
  };
  const body = {};
  for (const field of kindOf().fields) {
    if (editing && field.name === 'recordId') continue;
    if (field.kind === 'list') {
      const rows = document.querySelectorAll(`#${fieldId(field.name)} .list-row`);
      body[field.name] = [...rows].map((_, index) => Object.fromEntries(field.fields.map((inner) => [inner.name, read(inner, `${field.name}[${index}].${inner.name}`)])));
    } else {
      const value = read(field, field.name);
      if (value !== undefined) body[field.name] = value;
    }
  }
  return body;
}

/** The API's field problems, which it words in English, as a Vietnamese reader reads them. */
const VIETNAMESE_PROBLEMS = [
  [/^This field is required\.$/, () => 'Trường này bắt buộc.'],
  [/^Must not be blank\.$/, () => 'Không được để trống.'],
  [/^At most (\d+) characters\.$/, (m) => `Tối đa ${m[1]} ký tự.`],
  [/^Must be between (\S+) and (\S+)\.$/, (m) => `Phải từ ${m[1]} đến ${m[2]}.`],
  [/^Must be a real date written YYYY-MM-DD\.$/, () => 'Ngày không hợp lệ.'],
  [/^Must be a whole number within range\.$/, () => 'Phải là số nguyên, trong giới hạn cho phép.'],
  [/^Control characters are not allowed\.$/, () => 'Không được chứa ký tự điều khiển.'],
  [/^A disciplinary form needs a violation/, () => 'Chỉ chọn hình thức kỷ luật khi có vi phạm.'],
  [/^Between (\d+) and (\d+) models\.$/, (m) => `Cần từ ${m[1]} đến ${m[2]} mô hình.`],
  [/^Must match/, () => 'Không đúng định dạng.'],
  [/^'(.+)' at level '(\w+)' cannot contain an organization at level '(\w+)'\.$/,
    (m) => `“${m[1]}” là ${t('levelWords')[m[2]]}, không thể có ${t('levelWords')[m[3]]} trực thuộc: tổ chức cấp trên phải ở cấp cao hơn.`],
  [/^'(.+)' cannot contain an organization at level '(\w+)'\.$/, (m) => `“${m[1]}” không thể có ${t('levelWords')[m[2]]} trực thuộc.`],
  [/^'(.+)' lies below '(.+)'; the move would make a cycle\.$/,
    (m) => `“${m[1]}” đang ở bên dưới “${m[2]}”: không thể chuyển một tổ chức vào bên dưới chính nó.`],
  [/^Level '(\w+)' cannot contain child '(.+)' at level '(\w+)'\.$/, (m) => `${t('levelWords')[m[1]]} không thể chứa “${m[2]}” (${t('levelWords')[m[3]]}).`],
  [/^No organization '(.+)' exists\.$/, (m) => `Không có tổ chức nào mã “${m[1]}”.`],
  [/^An organization cannot be its own parent\.$/, () => 'Một tổ chức không thể trực thuộc chính nó.'],
  [/^Every organization below the district needs a parentId\.$/, () => 'Cần ghi tổ chức cấp trên.'],
  [/^The organization changed after the request was authorized/, () => 'Tổ chức vừa được thay đổi ở nơi khác; hãy tải lại trang rồi thử lại.'],
];
const problemText = (message) => {
  if (state.lang !== 'vi') return message;
  for (const [pattern, say] of VIETNAMESE_PROBLEMS) {
    const match = message.match(pattern);
    if (match) return say(match);
  }
  return message;
};

/** Shows each problem the API named beside its field, and the rest above the buttons. */
function showRecordProblems(status, problem) {
  document.querySelectorAll('#record-fields .field-problem').forEach((element) => { element.textContent = ''; });
  document.querySelectorAll('#record-fields [aria-invalid]').forEach((element) => element.removeAttribute('aria-invalid'));
  const unplaced = [];
  for (const [name, messages] of Object.entries(problem.errors ?? {})) {
    const spot = document.getElementById(`${fieldId(name)}-problem`);
    if (!spot) { unplaced.push(messages.map(problemText).join(' ')); continue; }
    spot.textContent = messages.map(problemText).join(' ');
    document.getElementById(fieldId(name))?.setAttribute('aria-invalid', 'true');
  }
  $('record-problem').textContent = status === 409 ? t('idTaken') : status === 400 ? [t('problemsBelow'), ...unplaced].join(' ') : new ApiProblem(status, problem.detail).message;
  (document.querySelector('#record-fields [aria-invalid=true]') ?? $('record-problem')).focus?.();
}

/** The levels an organization of each level may hold directly, and the kinds usual at each. */
const LEVELS_BELOW = { district: ['grassroots'], grassroots: ['partial', 'cell'], partial: ['cell'], cell: [] };
const KINDS_AT = {
  grassroots: ['ward', 'agency', 'publicService', 'school', 'health', 'enterprise'], partial: ['partial'],
  cell: ['residential', 'workplace', 'agency', 'publicService', 'school', 'health', 'enterprise'],
};
/** The organization shown as the API describes it, for the forms that change it. */
let managed = null;

/** An admin's forms for the organization shown: rename and member count, move, and add an organization below it. */
async function renderOrgAdmin(signal) {
  const isAdmin = account?.role === 'admin';
  $('org-admin').hidden = !isAdmin;
  if (!isAdmin) return;
  const fresh = await api(shown(''), signal);
  // Filled for a newly shown organization only, so that a refresh after another save never overwrites what is being typed.
  const another = managed?.id !== fresh.id;
  managed = fresh;
  if (another) {
    $('org-edit-name').value = managed.name;
    $('org-edit-memberCount').value = managed.memberCount;
    $('org-move-parentId').value = '';
  }
  $('org-move-form').hidden = managed.parentId === null;
  const levels = LEVELS_BELOW[managed.level];
  $('org-add-form').hidden = levels.length === 0;
  $('org-add-level').replaceChildren(...levels.map((level) => new Option(t(level), level)));
  fillKinds();
  for (const form of ['org-edit', 'org-move', 'org-add']) showFormProblems(form, 200, {});
}

function fillKinds() {
  $('org-add-kind').replaceChildren(...(KINDS_AT[$('org-add-level').value] ?? []).map((kind) => new Option(t('kinds')[kind], kind)));
}

/** Shows each problem the API named beside its field in the form, the rest (and a 409's reason) under the form. */
function showFormProblems(form, status, problem) {
  const element = $(`${form}-form`);
  element.querySelectorAll('.field-problem').forEach((spot) => { spot.textContent = ''; });
  element.querySelectorAll('[aria-invalid]').forEach((input) => input.removeAttribute('aria-invalid'));
  const errors = { ...(problem.errors ?? {}) };
  if ((status === 409 || status === 412) && problem.field) errors[problem.field] = [status === 412 ? t('idInUse') : problem.detail];
  const unplaced = [];
  for (const [name, messages] of Object.entries(errors)) {
    const text = messages.map(problemText).join(' ');
    const spot = $(`${form}-${name}-problem`);
    if (!spot) { unplaced.push(text); continue; }
    spot.textContent = text;
    $(`${form}-${name}`).setAttribute('aria-invalid', 'true');
  }
  const ok = status >= 200 && status < 300;
  $(`${form}-problem`).textContent = ok ? '' : status === 400 || status === 409 || status === 412 ? [t('notSaved'), ...unplaced].join(' ') : new ApiProblem(status, problem.detail).message;
  if (!ok) (element.querySelector('[aria-invalid=true]') ?? $(`${form}-problem`)).focus?.();
}

/** Sends an organization's details: the shown one changed, or a new one below it. */
async function putOrganization(form, id, changes, headers = {}) {
  const body = { name: managed.name, level: managed.level, kind: managed.kind, parentId: managed.parentId, memberCount: managed.memberCount, ...changes };
  const response = await fetch(`/api/v1/orgs/${encodeURIComponent(id)}`, {
    method: 'PUT', headers: { ...authorization(), 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body),
  });
  const answer = await response.json().catch(() => ({}));
  showFormProblems(form, response.status, answer);
  return response.ok ? answer : null;
}

/** A whole number typed in a number box, or the text as typed, for the API to name if it is not one. */
const typedNumber = (input) => (input.value.trim() !== '' && Number.isInteger(Number(input.value)) ? Number(input.value) : input.value);

/** The accounts acting for the organization shown and those below it, for an admin. */
async function renderAccounts(signal) {
  const isAdmin = account?.role === 'admin';
  $('accounts').hidden = !isAdmin;
  if (!isAdmin) return;
  [...$('new-role').options].forEach((option) => { option.textContent = t(option.value); });
  const list = await api(shown('/accounts'), signal);
  $('account-list').tHead.innerHTML = `<tr><th scope="col">${t('userName')}</th><th scope="col">${t('displayName')}</th><th scope="col">${t('role')}</th>`
    + `<th scope="col">${t('organizationsOf')}</th><th scope="col">${t('state')}</th><th scope="col">${t('actions')}</th></tr>`;
  $('account-list').tBodies[0].replaceChildren(...list.items.map((item) => {
    const row = document.createElement('tr');
    row.dataset.account = item.userName;
    for (const text of [item.userName, item.displayName, t(item.role), item.orgs.join(', '),
      item.disabled ? t('disabled') : item.mustChangePassword ? t('mustChangeState') : t('active')]) {
      const cell = document.createElement('td');
      cell.textContent = text;
      row.append(cell);
    }
    const actions = document.createElement('td');
    const reset = document.createElement('button');
    reset.type = 'button';
    reset.textContent = t('resetPassword');
    reset.setAttribute('aria-label', `${t('resetPassword')} ${item.userName}`);
    reset.addEventListener('click', async () => {
      const [status, answer] = await send(shown(`/accounts/${encodeURIComponent(item.userName)}/password-reset`), {});
      $('account-status').textContent = status === 200 ? `${t('initialPassword').replace('{0}', item.userName)} ${answer.initialPassword}` : new ApiProblem(status, answer.detail).message;
    });
    const toggle = document.createElement('button');
    toggle.type = 'button';
    toggle.textContent = item.disabled ? t('enable') : t('disable');
    toggle.setAttribute('aria-label', `${toggle.textContent} ${item.userName}`);
    toggle.addEventListener('click', async () => {
      const [status, answer] = await send(shown(`/accounts/${encodeURIComponent(item.userName)}`),
        { displayName: item.displayName, role: item.role, orgs: item.orgs, disabled: !item.disabled }, 'PUT');
      if (status !== 200) { $('account-status').textContent = new ApiProblem(status, answer.detail).message; return; }
      renderAccounts(view.signal).catch(() => {});
    });
    actions.append(reset, ' ', toggle);
    row.append(actions);
    return row;
  }));
}

/** The tokens the account made for programs, with a button to revoke each. */
async function renderTokens(signal) {
  const response = await fetch('/account/tokens', { headers: authorization(), signal });
  const tokens = response.ok ? await response.json() : [];
  const when = (text) => new Date(text).toLocaleString(state.lang === 'vi' ? 'vi-VN' : 'en-GB');
  $('token-list').tHead.innerHTML = `<tr><th scope="col">${t('name')}</th><th scope="col">${t('created')}</th><th scope="col">${t('expires')}</th>`
    + `<th scope="col">${t('state')}</th><th scope="col">${t('actions')}</th></tr>`;
  $('token-list').tBodies[0].replaceChildren(...tokens.map((token) => {
    const row = document.createElement('tr');
    row.dataset.token = token.id;
    for (const text of [token.name, when(token.created), when(token.expires), token.revoked ? t('revoked') : t('active')]) {
      const cell = document.createElement('td');
      cell.textContent = text;
      row.append(cell);
    }
    const actions = document.createElement('td');
    if (!token.revoked) {
      const revoke = document.createElement('button');
      revoke.type = 'button';
      revoke.textContent = t('revoke');
      revoke.setAttribute('aria-label', `${t('revoke')} ${token.name}`);
      revoke.addEventListener('click', async () => {
        await send(`/account/tokens/${encodeURIComponent(token.id)}`, undefined, 'DELETE');
        renderTokens(view.signal).catch(() => {});
      });
      actions.append(revoke);
    }
    row.append(actions);
    return row;
  }));
}

// A printed page shows the tables that are folded away on screen.
window.addEventListener('beforeprint', () => document.querySelectorAll('details').forEach((details) => { details.open = true; }));

function syncControls(period) {
  const [kind, value] = state.preset.split(':');
  $('preset').value = kind;
  const years = $('year-choice');
  if (years.options.length === 0) for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) years.add(new Option(String(year), String(year)));
  if (kind === 'year') years.value = value;
  if (kind === 'quarter') { years.value = value.split('-')[0]; $('quarter-choice').value = value.split('-')[1]; }
  $('from').value = period.from;
  $('to').value = period.to;
  const figures = $('figure-choice');
  figures.replaceChildren(...FIGURES.map((figure) => new Option(figure[state.lang], figure.name, false, figure.name === state.figure)));
}

function chosenPreset() {
  const kind = $('preset').value;
  if (kind === 'year') return `year:${$('year-choice').value}`;
  if (kind === 'quarter') return `quarter:${$('year-choice').value}-${$('quarter-choice').value}`;
  if (kind === 'custom') return isDate($('from').value) && isDate($('to').value) ? `custom:${$('from').value}..${$('to').value}` : null;
  return kind;
}

let searching;
// Only the answer to the words in the box now may fill the list; an older answer arriving late is dropped.
let lastSearch = new AbortController();
async function search(text) {
  lastSearch.abort();
  lastSearch = new AbortController();
  const results = $('search-results');
  if (text.trim().length === 0) { results.replaceChildren(); return; }
  const root = home();
  const found = await api(`/api/v1/orgs/${encodeURIComponent(root)}/search?q=${encodeURIComponent(text)}&limit=10`, lastSearch.signal);
  results.replaceChildren(...found.items.map((org) => {
    const item = document.createElement('li');
    item.append(link(org.id, org.name));
    return item;
  }));
}

$('language').addEventListener('click', () => go({ lang: state.lang === 'vi' ? 'en' : 'vi' }));
$('apply').addEventListener('click', () => { const preset = chosenPreset(); if (preset) go({ preset }); });
$('preset').addEventListener('change', () => { const preset = chosenPreset(); if (preset && !preset.startsWith('custom')) go({ preset }); });
$('figure-choice').addEventListener('change', () => go({ figure: $('figure-choice').value }));
$('search').addEventListener('input', (event) => {
  clearTimeout(searching);
  searching = setTimeout(() => search(event.target.value).catch(() => {}), 200);
});
$('sign-in-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const userName = $('user-name').value.trim(), password = $('password').value;
  if (!userName || !password) { $('sign-in-problem').textContent = t('giveBoth'); return; }
  const [status, body] = await send('/account/sign-in', { userName, password });
  $('password').value = '';
  if (status === 200) return enter(body);
  $('sign-in-problem').textContent = status === 429 ? refusedFor(body) : status === 400 ? t('giveBoth') : t('signInFailed');
  $('password').focus();
});
$('password-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const currentPassword = $('current-password').value, newPassword = $('new-password').value;
  const problems = { current: '', new: newPassword.length < 10 ? t('tooShort') : newPassword === currentPassword ? t('sameAsCurrent') : '' };
  let status = 0, body = {};
  if (!problems.new) [status, body] = await send('/account/password', { currentPassword, newPassword });
  if (status === 200) {
    $('current-password').value = $('new-password').value = '';
    return enter(body);
  }
  if (body.errors?.currentPassword) problems.current = t('wrongCurrent');
  if (body.errors?.newPassword) problems.new ||= t('tooShort');
  $('current-password-problem').textContent = problems.current;
  $('new-password-problem').textContent = problems.new;
  $('current-password').setAttribute('aria-invalid', String(!!problems.current));
  $('new-password').setAttribute('aria-invalid', String(!!problems.new));
  $('password-problem').textContent = status === 429 ? refusedFor(body) : '';
  (problems.current ? $('current-password') : $('new-password')).focus();
});
$('show-password').addEventListener('click', () => showPasswordForm(''));
$('record-kind').addEventListener('change', () => { recordKind = $('record-kind').value; $('record-form').hidden = true; renderRecords(view.signal).catch(() => {}); });
$('new-record').addEventListener('click', () => openRecordForm());
$('cancel-record').addEventListener('click', () => { $('record-form').hidden = true; $('new-record').focus(); });
$('account-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const userName = $('new-user-name').value.trim().toLowerCase(), displayName = $('new-display-name').value.trim();
  const [status, answer] = await send(shown('/accounts'), { userName, displayName, role: $('new-role').value });
  $('new-user-name-problem').textContent = answer.errors?.userName ? (status === 400 ? problemText(answer.errors.userName.join(' ')) : '') : status === 409 ? t('nameTaken') : '';
  $('new-display-name-problem').textContent = answer.errors?.displayName ? problemText(answer.errors.displayName.join(' ')) : '';
  $('new-user-name').setAttribute('aria-invalid', String(!!$('new-user-name-problem').textContent));
  $('new-display-name').setAttribute('aria-invalid', String(!!$('new-display-name-problem').textContent));
  if (status !== 201) {
    $('account-problem').textContent = status === 400 || status === 409 ? '' : new ApiProblem(status, answer.detail).message;
    return;
  }
  $('account-problem').textContent = '';
  $('new-user-name').value = $('new-display-name').value = '';
  $('account-status').textContent = `${t('initialPassword').replace('{0}', answer.userName)} ${answer.initialPassword}`;
  renderAccounts(view.signal).catch(() => {});
});
$('token-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const name = $('token-name').value.trim();
  $('token-name-problem').textContent = name ? '' : t('nameNeeded');
  $('token-name').setAttribute('aria-invalid', String(!name));
  if (!name) return $('token-name').focus();
  const [status, answer] = await send('/account/tokens', { name, days: Number($('token-days').value) || 90 });
  if (status !== 201) { $('token-made').textContent = new ApiProblem(status, answer.detail).message; return; }
  $('token-name').value = '';
  $('token-value').value = answer.token;
  $('token-made').textContent = t('tokenMade');
  $('token-value').select();
  renderTokens(view.signal).catch(() => {});
});
// A session's cookie goes with a link; a token does not, so with a token a report or spreadsheet is fetched and handed over as a file.
for (const link of [$('report-docx'), $('report-html'), $('figures-export'), $('records-export'), $('import-template')]) {
  link.addEventListener('click', async (event) => {
    if (!sessionStorage.getItem('dongda-token')) return;
    event.preventDefault();
    const response = await fetch(link.href, { headers: authorization() });
    if (!response.ok) { $('problem').textContent = `${t('failed')}: ${new ApiProblem(response.status, (await response.json().catch(() => ({}))).detail).message}`; return; }
    const file = URL.createObjectURL(await response.blob());
    const disposition = response.headers.get('Content-Disposition') ?? '';
    const name = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1] ?? /filename="?([^";]+)/.exec(disposition)?.[1];
    const open = document.createElement('a');
    open.href = file;
    if (name) open.download = decodeURIComponent(name); else open.target = '_blank';
    open.click();
    setTimeout(() => URL.revokeObjectURL(file), 60_000);
  });
}
$('import-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const file = $('import-file').files[0];
  const errors = $('import-errors');
  errors.hidden = true;
  if (!file) { $('import-status').textContent = t('importChoose'); return $('import-file').focus(); }
  const type = /\.csv$/i.test(file.name) ? 'text/csv' : /\.xlsx$/i.test(file.name) ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : null;
  if (!type) { $('import-status').textContent = t('importWrongType'); return $('import-file').focus(); }
  const response = await fetch(shown(`/${recordKind}/import`), { method: 'POST', headers: { ...authorization(), 'Content-Type': type }, body: file });
  const answer = await response.json().catch(() => ({}));
  if (response.ok) {
    $('import-status').textContent = t('importDone').replace('{0}', number(answer.rows)).replace('{1}', number(answer.stored)).replace('{2}', number(answer.unchanged));
    $('import-file').value = '';
    return render();
  }
  if (response.status === 400 && answer.rows) {
    $('import-status').textContent = t('importRefused').replace('{0}', number(answer.badRows)).replace('{1}', number(answer.totalRows));
    errors.tHead.innerHTML = `<tr><th scope="col">${t('row')}</th><th scope="col">${t('fieldName')}</th><th scope="col">${t('problemText')}</th></tr>`;
    errors.tBodies[0].replaceChildren(...answer.rows.flatMap((bad) => Object.entries(bad.errors).map(([field, messages]) => {
      const tr = document.createElement('tr');
      for (const text of [number(bad.row), field, messages.map(problemText).join(' ')]) {
        const cell = document.createElement('td');
        cell.textContent = text;
        tr.append(cell);
      }
      return tr;
    })));
    errors.hidden = false;
    return;
  }
  $('import-status').textContent = answer.errors ? Object.values(answer.errors).flat().map(problemText).join(' ') : new ApiProblem(response.status, answer.detail).message;
});
$('org-add-level').addEventListener('change', fillKinds);
$('org-edit-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!await putOrganization('org-edit', managed.id, { name: $('org-edit-name').value, memberCount: typedNumber($('org-edit-memberCount')) })) return;
  $('org-admin-status').textContent = t('orgSaved');
  render();
});
$('org-move-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const parentId = $('org-move-parentId').value.trim();
  if (parentId === managed.parentId) { showFormProblems('org-move', 409, { field: 'parentId', detail: t('sameParent') }); return; }
  if (!await putOrganization('org-move', managed.id, { parentId })) return;
  $('org-admin-status').textContent = t('orgMoved');
  render();
});
let choosing;
$('org-move-parentId').addEventListener('input', (event) => {
  clearTimeout(choosing);
  choosing = setTimeout(async () => {
    const text = event.target.value.trim();
    if (text.length < 2) return;
    const found = await api(`/api/v1/orgs/${encodeURIComponent(home())}/search?q=${encodeURIComponent(text)}&limit=10`).catch(() => ({ items: [] }));
    $('org-move-choices').replaceChildren(...found.items.filter((org) => org.id !== managed.id).map((org) => new Option(org.name, org.id)));
  }, 200);
});
$('org-add-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const id = $('org-add-id').value.trim();
  const level = $('org-add-level').value;
  if (!id) { showFormProblems('org-add', 400, { errors: { id: [t('required')] } }); return; }
  const made = await putOrganization('org-add', id, {
    name: $('org-add-name').value, level, kind: $('org-add-kind').value, parentId: managed.id, memberCount: typedNumber($('org-add-memberCount')),
  }, { 'If-None-Match': '*' });
  if (!made) return;
  $('org-add-id').value = $('org-add-name').value = '';
  $('org-add-memberCount').value = '0';
  $('org-admin-status').textContent = t('orgAdded').replace('{0}', made.name);
  render();
});
$('older-records').addEventListener('click', () => showRecords(kindOf(), olderRecords, view.signal).catch(() => {}));
$('record-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const path = editing ? shown(`/${recordKind}/${encodeURIComponent(editing.recordId)}`) : shown(`/${recordKind}`);
  const [status, answer] = await send(path, recordBody(), editing ? 'PUT' : 'POST');
  if (status === 200 || status === 201) {
    $('record-form').hidden = true;
    $('record-status').textContent = t('saved');
    return render();
  }
  showRecordProblems(status, answer);
});
$('sign-out').addEventListener('click', async () => {
  await fetch('/account/sign-out', { method: 'POST' });
  sessionStorage.removeItem('dongda-token');
  location.assign(location.pathname);
});
window.addEventListener('popstate', () => {
  const before = state.org;
  state = readLocation();
  render({ focus: state.org !== before });
});
translate();
fetch('/account/me', { headers: authorization() }).then(async (response) => enter(response.ok ? await response.json() : null));
