/** What every screen hands to the app: its root, and where keyboard focus goes when it appears. */
export interface ViewHandle {
  root: HTMLElement;
  focus(): void;
}

/** The screen's heading takes focus so screen readers announce the new screen. */
export function focusHeading(root: HTMLElement): void {
  root.querySelector<HTMLElement>('h2')?.focus();
}
