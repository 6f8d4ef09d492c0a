// Fixed word lists for the generator. The first personas are forced so every tenant has a few
// names that exercise Unicode, apostrophes and hyphens, whatever the seed.

export const FIXED_PERSONAS: ReadonlyArray<readonly [string, string]> = [
  ['José', 'Müller'],
  ['Zoë', 'Ødegård'],
  ['Łukasz', 'Wiśniewski'],
  ['Siobhán', "O'Brien"],
  ['Renée', 'Dubois-Laurent'],
];

export const FIRST_NAMES: readonly string[] = [
  'Adam', 'Addie', 'Aisha', 'Alejandro', 'Amara', 'Anders', 'Anika', 'Arjun', 'Beatriz', 'Benjamin',
  'Björn', 'Camille', 'Carlos', 'Chen', 'Chloé', 'Daniel', 'Dmitri', 'Elena', 'Emily', 'Émile',
  'Fatima', 'François', 'Gabriel', 'Grace', 'Hannah', 'Hiroshi', 'Ines', 'Isabel', 'Jakub', 'James',
  'Jana', 'Jesús', 'Julia', 'Kai', 'Kateřina', 'Kwame', 'Laura', 'Leila', 'Liam', 'Lucía',
  'Magnus', 'Maria', 'Mateo', 'Mei', 'Michael', 'Mohammed', 'Nadia', 'Ngozi', 'Noah', 'Olivia',
  'Omar', 'Paula', 'Priya', 'Rafael', 'Rosa', 'Samuel', 'Sara', 'Sebastián', 'Sofia', 'Søren',
  'Thomas', 'Valentina', 'Wei', 'Yara', 'Yusuf', 'Zainab',
];

export const LAST_NAMES: readonly string[] = [
  'Adeyemi', 'Andersson', 'Bauer', 'Becker', 'Brown', 'Castillo', 'Chen', 'Costa', 'Dubois', 'Fernández',
  'Fischer', 'García', 'Gonzalez', 'Hansen', 'Hernández', 'Ivanova', 'Jensen', 'Johnson', 'Kowalski', 'Kumar',
  'Larsen', 'Lee', 'Lefèvre', 'López', 'Martin', 'Martínez', 'Meyer', 'Moreau', 'Nakamura', 'Nguyen',
  'Novák', 'Okafor', 'Olsen', 'Patel', 'Pereira', 'Petrov', 'Rossi', 'Sato', 'Schmidt', 'Schneider',
  'Silva', 'Singh', 'Smith', 'Suzuki', 'Svensson', 'Tanaka', 'Taylor', 'Thompson', 'Wagner', 'Wang',
  'Weber', 'Williams', 'Wilson', 'Yamamoto', 'Zhang', 'Çelik', 'Đorđević', 'Ødegaard', 'Šimek', 'Żak',
];

export const DEPARTMENTS: readonly string[] = [
  'Engineering', 'Finance', 'Human Resources', 'IT Operations', 'Legal', 'Marketing', 'Procurement', 'Sales',
  'Security', 'Support',
];

export const TITLES: readonly string[] = [
  'Analyst', 'Architect', 'Associate', 'Consultant', 'Coordinator', 'Director', 'Engineer', 'Manager',
  'Senior Engineer', 'Specialist', 'Team Lead', 'Vice President',
];

export const LOCATIONS: readonly string[] = [
  'Austin', 'Berlin', 'Bengaluru', 'London', 'Madrid', 'München', 'New York', 'Oslo', 'Paris', 'São Paulo',
  'Singapore', 'Tokyo', 'Toronto', 'Warszawa',
];

export const AD_GROUPS: readonly string[] = [
  'Domain Users', 'VPN Users', 'Remote Desktop Users', 'Finance-Readers', 'Finance-Approvers', 'PayrollControls',
  'HR-Confidential', 'Engineering-Build', 'Engineering-Release', 'Git-Admins', 'Jira-Users', 'Confluence-Editors',
  'Sales-CRM', 'Marketing-Web', 'Legal-Contracts', 'Helpdesk-Tier1', 'Helpdesk-Tier2', 'Print-Operators',
  'Backup-Operators', 'SQL-Readers', 'SQL-Writers', 'File-Share-Projects', 'File-Share-Archive', 'Wifi-Corp',
  'Badge-Access-HQ', 'Procurement-Buyers', 'Security-Analysts', 'Server-Operators', 'Domain Admins',
  'Enterprise Admins',
];

export const PRIVILEGED_AD_GROUPS: ReadonlySet<string> = new Set([
  'Domain Admins', 'Enterprise Admins', 'Git-Admins', 'Server-Operators', 'Backup-Operators',
]);

export const FLAT_FILE_GROUPS: readonly string[] = [
  'Contractor-Portal', 'Timesheets', 'Expenses', 'Project-Alpha', 'Project-Beta', 'Project-Gamma',
  'Vendor-Catalog', 'Training', 'Badge-Visitor', 'Wiki-Readers',
];

export const SERVICENOW_ROLES: readonly string[] = [
  'itil', 'admin', 'catalog_admin', 'approver_user', 'knowledge', 'report_user', 'asset', 'security_admin',
];

export const SERVICE_ACCOUNT_PURPOSES: readonly string[] = [
  'backup', 'sql', 'build', 'print', 'monitoring', 'sync', 'deploy', 'scanner', 'mail', 'ldap-bind',
];

const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  ø: 'o', Ø: 'O', ł: 'l', Ł: 'L', ß: 'ss', æ: 'ae', Æ: 'AE', đ: 'd', Đ: 'D', œ: 'oe', Œ: 'OE',
};

const foldCache = new Map<string, string>();

/** `Zoë Ødegård` → `zoe`/`odegard`: user names must be plain ASCII. Cached: the generator
 * folds the same few hundred names for every one of up to 100k accounts. */
export function asciiFold(text: string): string {
  let folded = foldCache.get(text);
  if (folded === undefined) {
    folded = foldUncached(text);
    if (foldCache.size < 10_000) foldCache.set(text, folded);
  }
  return folded;
}

function foldUncached(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[øØłŁßæÆđĐœŒ]/g, (ch) => SPECIAL_LETTERS[ch] ?? ch)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}
