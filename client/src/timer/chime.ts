/** A short two-tone beep, made with WebAudio: no sound file to serve or load. */
const TONES_HZ = [880, 660];
const TONE_SECONDS = 0.18;
const VOLUME = 0.2;

/**
 * Browsers let a page make sound only after the person interacted with it, so the context is
 * created (or resumed) by `unlock`, called from the click that turns the chime on.
 */
export class Chime {
  private context: AudioContext | null = null;

  unlock(): void {
    if (typeof AudioContext === 'undefined') return;
    this.context ??= new AudioContext();
    void this.context.resume().catch(() => {});
  }

  play(): void {
    const context = this.context;
    if (!context || context.state !== 'running') return;
    const start = context.currentTime;
    TONES_HZ.forEach((frequency, i) => {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.frequency.value = frequency;
      const at = start + i * TONE_SECONDS;
      // Ramps in and out: a tone that starts or stops abruptly clicks.
      gain.gain.setValueAtTime(0, at);
      gain.gain.linearRampToValueAtTime(VOLUME, at + 0.02);
      gain.gain.linearRampToValueAtTime(0, at + TONE_SECONDS);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(at);
      oscillator.stop(at + TONE_SECONDS);
    });
  }

  close(): void {
    void this.context?.close().catch(() => {});
    this.context = null;
  }
}
