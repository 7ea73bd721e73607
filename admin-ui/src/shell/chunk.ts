import { createElement, lazy, type ComponentType } from 'react';

/**
 * A component from its own chunk, rendered directly once the chunk is loaded and lazily before.
 * A lazy component suspends on its first render even when its chunk is already there, and React
 * then holds the page back for its fallback throttle (300 ms) before showing it; `preload()` starts
 * the import early (the chunk of the page in the address bar, the modeler with the draft it shows).
 */
export function chunk<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): { preload(): Promise<unknown>; Component: ComponentType<P> } {
  let started: Promise<{ default: ComponentType<P> }> | undefined;
  let loaded: ComponentType<P> | undefined;
  const preload = () =>
    (started ??= load().then((module) => {
      loaded = module.default;
      return module;
    }));
  const Lazy = lazy(preload) as unknown as ComponentType<P>;
  return { preload, Component: (props: P) => createElement(loaded ?? Lazy, props) };
}
