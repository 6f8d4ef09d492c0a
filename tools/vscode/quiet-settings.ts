// User settings every VS Code these tools open starts with: fewer moving parts on screen and on
// the wire (no tips, experiments, update or telemetry calls, no AI chat side bar taking a third
// of the window). npm start and the tests each add what their first look needs.
export const quietSettings: Record<string, unknown> = {
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
};
