import type { Page } from 'playwright-core';

/** The timer as a page shows it, read from the readout's data attributes. */
export const timerPhase = (page: Page) => page.getByTestId('timer-phase').getAttribute('data-phase');

export async function presentationLeftMs(page: Page): Promise<number> {
  return Number(await page.getByTestId('timer-presentation').getAttribute('data-remaining-ms'));
}

export const presentationLevel = (page: Page) => page.getByTestId('timer-presentation').getAttribute('data-level');

export async function sessionLeftMs(page: Page): Promise<number> {
  return Number(await page.getByTestId('timer-session').getAttribute('data-remaining-ms'));
}

/** One of the moderator's timer buttons, by its label. */
export const timerButton = (page: Page, label: string) => page.getByRole('toolbar', { name: 'Timer controls' }).getByRole('button', { name: label, exact: true });
