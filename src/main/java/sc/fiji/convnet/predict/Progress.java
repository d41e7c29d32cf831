package sc.fiji.convnet.predict;

/** Progress and cancellation for long work, independent of any user interface. */
public interface Progress {

	void update(int done, int total);

	boolean cancelled();

	/** The step of the work that starts now (e.g. "predicting"), for the status line; the counts that follow are its own. */
	default void stage(String name) {}

	/**
	 * Step {@code part} of {@code parts} of this work as a whole progress of its own: its {@code done/total}
	 * become (part + done/total) / parts of the outer one.
	 */
	static Progress within(Progress outer, long part, long parts) {
		return new Progress() {
			@Override public void update(int done, int total) {
				double fraction = (part + (total == 0 ? 1 : done / (double) total)) / parts;
				outer.update((int) Math.round(1000 * fraction), 1000);
			}
			@Override public boolean cancelled() { return outer.cancelled(); }
			@Override public void stage(String name) { outer.stage(name); }
		};
	}

	/** This progress, also cancelled when {@code other} is (e.g. an image's steps inside a folder run that Esc stops). */
	default Progress cancelledAlsoBy(Progress other) {
		Progress self = this;
		return new Progress() {
			@Override public void update(int done, int total) { self.update(done, total); }
			@Override public boolean cancelled() { return self.cancelled() || other.cancelled(); }
			@Override public void stage(String name) { self.stage(name); }
		};
	}

	Progress NONE = new Progress() {
		@Override public void update(int done, int total) {}
		@Override public boolean cancelled() { return false; }
	};
}
