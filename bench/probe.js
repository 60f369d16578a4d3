// Timing helpers shared by the app's page (injected as an init script) and the peers' page.
export const probe = {
  /** Resolves with performance.now() just after the next frame is painted (rAF, then a task). */
  afterPaint() {
    return new Promise((resolve) => {
      requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => resolve(performance.now());
        ch.port2.postMessage(0);
      });
    });
  },
};
