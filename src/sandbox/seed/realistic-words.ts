// Word lists for the realistic attribute sets (realistic-attributes.ts): the parts real
// directory group names, HR organisations and ITSM records are made of. Fixed lists, so the
// same seed gives the same attributes on every machine.

/** Application and resource names that group names are built from. */
export const APPLICATIONS: readonly string[] = [
  'SAP-ERP', 'SAP-BW', 'Salesforce', 'Workday', 'ServiceNow', 'Jira', 'Confluence', 'Bitbucket', 'Jenkins',
  'Tableau', 'PowerBI', 'Concur', 'Coupa', 'Ariba', 'DocuSign', 'Box', 'SharePoint', 'Teams', 'Zoom', 'Okta',
  'Splunk', 'Datadog', 'AWS-Prod', 'AWS-NonProd', 'Azure-Prod', 'GCP-Analytics', 'Snowflake', 'Oracle-EBS',
  'Kronos', 'Veeva', 'Epic', 'Citrix', 'VMware', 'NetSuite', 'HubSpot', 'Marketo', 'Zendesk', 'GitHub-Enterprise',
];

export const APP_FUNCTIONS: readonly string[] = [
  'Reporting', 'Admin', 'Users', 'Approvers', 'Contributors', 'Readers', 'Auditors', 'PowerUsers', 'Developers',
  'Support', 'Finance', 'Payroll', 'Procurement', 'Analytics', 'Operations', 'Integration',
];

export const ACCESS_LEVELS: readonly string[] = [
  'ReadOnly', 'ReadWrite', 'Owners', 'Members', 'Prod', 'NonProd', 'EMEA', 'NA', 'APAC', 'LATAM', 'Full', 'Limited',
];

export const REGIONS: readonly string[] = ['EMEA', 'NA', 'APAC', 'LATAM'];

/** `[prefix, OU path below the domain]`: where each kind of group lives. */
export const GROUP_KINDS: ReadonlyArray<readonly [string, string]> = [
  ['APP', 'OU=Application Groups,OU=Groups,OU=Corp'],
  ['SG', 'OU=Security Groups,OU=Groups,OU=Corp'],
  ['DL', 'OU=Distribution Lists,OU=Exchange,OU=Corp'],
  ['FS', 'OU=File Share Access,OU=Groups,OU=Resources,OU=Corp'],
  ['SP', 'OU=SharePoint Sites,OU=Groups,OU=Collaboration,OU=Corp'],
  ['O365', 'OU=Licensing,OU=Cloud,OU=Groups,OU=Corp'],
  ['VPN', 'OU=Network Access,OU=Groups,OU=Infrastructure,OU=Corp'],
  ['ROLE', 'OU=Business Roles,OU=Groups,OU=Corp'],
];

/** Postal details per generated location (the persona's `location`). */
export interface Site {
  street: string;
  postalCode: string;
  state: string;
  country: string;
  /** ISO 3166 alpha-2 and numeric, as AD's `c` and `countryCode`. */
  c: string;
  countryCode: string;
  phone: string;
  timeZone: string;
  region: string;
}

export const SITES: Readonly<Record<string, Site>> = {
  Austin: { street: '11120 Four Points Drive, Suite 100', postalCode: '78726', state: 'TX', country: 'United States', c: 'US', countryCode: '840', phone: '+1 512 346', timeZone: 'GMT-06:00 Central Standard Time (America/Chicago)', region: 'NA' },
  Berlin: { street: 'Friedrichstraße 68', postalCode: '10117', state: 'BE', country: 'Germany', c: 'DE', countryCode: '276', phone: '+49 30 2091', timeZone: 'GMT+01:00 Central European Time (Europe/Berlin)', region: 'EMEA' },
  Bengaluru: { street: 'Embassy Golf Links Business Park, Block C, Intermediate Ring Road', postalCode: '560071', state: 'KA', country: 'India', c: 'IN', countryCode: '356', phone: '+91 80 4190', timeZone: 'GMT+05:30 India Standard Time (Asia/Kolkata)', region: 'APAC' },
  London: { street: '1 Canada Square, Level 37', postalCode: 'E14 5AB', state: 'LND', country: 'United Kingdom', c: 'GB', countryCode: '826', phone: '+44 20 7946', timeZone: 'GMT+00:00 Greenwich Mean Time (Europe/London)', region: 'EMEA' },
  Madrid: { street: 'Paseo de la Castellana 259D, Planta 18', postalCode: '28046', state: 'MD', country: 'Spain', c: 'ES', countryCode: '724', phone: '+34 91 123', timeZone: 'GMT+01:00 Central European Time (Europe/Madrid)', region: 'EMEA' },
  München: { street: 'Leopoldstraße 250', postalCode: '80807', state: 'BY', country: 'Germany', c: 'DE', countryCode: '276', phone: '+49 89 3580', timeZone: 'GMT+01:00 Central European Time (Europe/Berlin)', region: 'EMEA' },
  'New York': { street: '200 Park Avenue, 31st Floor', postalCode: '10166', state: 'NY', country: 'United States', c: 'US', countryCode: '840', phone: '+1 212 555', timeZone: 'GMT-05:00 Eastern Standard Time (America/New_York)', region: 'NA' },
  Oslo: { street: 'Dronning Eufemias gate 16', postalCode: '0191', state: 'OS', country: 'Norway', c: 'NO', countryCode: '578', phone: '+47 22 9100', timeZone: 'GMT+01:00 Central European Time (Europe/Oslo)', region: 'EMEA' },
  Paris: { street: '35 Rue de la Gare, Bâtiment B', postalCode: '75019', state: 'IDF', country: 'France', c: 'FR', countryCode: '250', phone: '+33 1 7036', timeZone: 'GMT+01:00 Central European Time (Europe/Paris)', region: 'EMEA' },
  'São Paulo': { street: 'Avenida Brigadeiro Faria Lima 3477, 14º andar', postalCode: '04538-133', state: 'SP', country: 'Brazil', c: 'BR', countryCode: '076', phone: '+55 11 3003', timeZone: 'GMT-03:00 Brasilia Time (America/Sao_Paulo)', region: 'LATAM' },
  Singapore: { street: '8 Marina View, Asia Square Tower 1, #28-01', postalCode: '018960', state: 'SG', country: 'Singapore', c: 'SG', countryCode: '702', phone: '+65 6221', timeZone: 'GMT+08:00 Singapore Standard Time (Asia/Singapore)', region: 'APAC' },
  Tokyo: { street: 'Marunouchi Trust Tower Main, 1-8-3 Marunouchi, Chiyoda-ku', postalCode: '100-0005', state: '13', country: 'Japan', c: 'JP', countryCode: '392', phone: '+81 3 4578', timeZone: 'GMT+09:00 Japan Standard Time (Asia/Tokyo)', region: 'APAC' },
  Toronto: { street: '100 King Street West, Suite 5700', postalCode: 'M5X 1C7', state: 'ON', country: 'Canada', c: 'CA', countryCode: '124', phone: '+1 416 555', timeZone: 'GMT-05:00 Eastern Standard Time (America/Toronto)', region: 'NA' },
  Warszawa: { street: 'ul. Emilii Plater 53, Warsaw Financial Center', postalCode: '00-113', state: 'MZ', country: 'Poland', c: 'PL', countryCode: '616', phone: '+48 22 5400', timeZone: 'GMT+01:00 Central European Time (Europe/Warsaw)', region: 'EMEA' },
};

export const DIVISIONS: readonly string[] = ['Corporate Functions', 'Product & Technology', 'Go-To-Market', 'Operations', 'Customer Success'];

export const TEAMS: readonly string[] = [
  'Platform', 'Reporting & Analytics', 'Shared Services', 'Controls & Compliance', 'Strategic Programs', 'Operations',
  'Enablement', 'Infrastructure', 'Planning', 'Quality', 'Field Services', 'Global Accounts',
];

export const JOB_EVENTS: readonly string[] = ['Hire', 'Promotion', 'Lateral Move', 'Job Change', 'Transfer', 'Data Change > Job Profile', 'Reorganization'];

export const SERVICENOW_BASE_ROLES: readonly string[] = [
  'snc_internal', 'itil', 'knowledge', 'approver_user', 'catalog', 'report_user', 'survey_reader', 'sn_request_read',
  'sn_incident_read', 'sn_change_read', 'sn_problem_read', 'canvas_user', 'pa_viewer', 'sn_esm_user', 'agent_workspace_user',
];

export const SERVICENOW_GROUPS: readonly string[] = [
  'Service Desk', 'Network Operations', 'Database Administration', 'Change Advisory Board', 'Hardware', 'Software',
  'Identity & Access Management', 'End User Computing', 'Application Support - Finance', 'Application Support - HR',
  'Cloud Operations', 'Security Operations Center', 'Facilities', 'Procurement Operations', 'Major Incident Management',
];

export const VENDORS: readonly string[] = [
  'Accenture LLP', 'Cognizant Technology Solutions', 'Infosys Limited', 'Randstad Professionals', 'Robert Half Technology',
  'Kforce Inc.', 'Capgemini SE', 'Wipro Limited', 'Adecco Group', 'TEKsystems',
];
