import { Component, type ReactNode } from 'react';

interface Props {
  /** What the panel is, for the message ("the whiteboard"). */
  what: string;
  children: ReactNode;
}

/**
 * Keeps one failing panel from taking the whole workspace down: if the board's code cannot be
 * fetched (the wifi dropped while the page loaded) the minutes stay live.
 */
export class PanelBoundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown): void {
    console.error(`${this.props.what} failed:`, error);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <section className="panel" role="alert">
        <p>
          {this.props.what[0]!.toUpperCase() + this.props.what.slice(1)} could not load, probably because the
          connection dropped. Everything else here stays live.
        </p>
        <button type="button" onClick={() => window.location.reload()}>
          Reload the page
        </button>
      </section>
    );
  }
}
