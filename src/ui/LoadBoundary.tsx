import { Component, Suspense, type ReactNode } from 'react';

interface Props {
  /** Shown while the code is on its way. */
  readonly loading: ReactNode;
  /** Shown if it could not be loaded (offline, a new deployment removed the old chunk). */
  readonly failed: ReactNode;
  readonly children: ReactNode;
}

/**
 * Around a part of the page loaded on demand (React.lazy): a visible loading state, and an error shown in place
 * instead of an empty page when its code cannot be fetched.
 */
export class LoadBoundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    if (this.state.failed) return this.props.failed;
    return <Suspense fallback={this.props.loading}>{this.props.children}</Suspense>;
  }
}
