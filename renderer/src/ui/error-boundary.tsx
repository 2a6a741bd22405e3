import { Component, type ReactNode } from 'react';

/** A page that throws shows what happened and how to go on, instead of a blank window. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <section className="card error" role="alert">
        <h2>This page could not be shown</h2>
        <p>{this.state.error.message}</p>
        <p>Reload the window to try again. The other pages still work.</p>
      </section>
    );
  }
}
